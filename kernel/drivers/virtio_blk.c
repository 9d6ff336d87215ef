/*
 * kernel/drivers/virtio_blk.c: the virtio block device (virtio spec 5.2),
 * as Linux's drivers/block/virtio_blk.c drives it: disks vda, vdb, ...
 * (major 254, 16 minors each), one request queue each.
 *
 * A request is three descriptors: the header (type and first sector),
 * read by the device; the data, which the device reads (a write) or
 * writes (a read); and one status byte the device writes.  Requests are
 * preallocated, one per three descriptors of the ring, in DMA32 memory,
 * so that writing a page out (swap) never has to allocate: a bio that
 * finds none free sleeps until an interrupt frees one.  Completion is
 * the interrupt's: virtblk_done takes every used request off the ring,
 * sets its bio's status and ends it.
 */
#include <blkdev.h>
#include <errno.h>
#include <gfp.h>
#include <mm.h>
#include <printk.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <string_helpers.h>
#include <virtio.h>
#include <wait.h>

#define VIRTBLK_MAJOR		254	/* Linux's is dynamic: the first free one, 254 on most systems */
#define PART_BITS		4	/* minors per disk: 1 << PART_BITS */

/* Feature bits (spec 5.2.3) */
#define VIRTIO_BLK_F_RO		5	/* the disk is read-only */

/* The configuration space (spec 5.2.4): capacity first, in 512-byte sectors */
#define VIRTIO_BLK_CFG_CAPACITY	0

/* Request types and status values (spec 5.2.6) */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

struct virtblk_req {
	struct virtio_blk_outhdr out_hdr;	/* the device reads it */
	u8 status;				/* the device writes it */
	struct bio *bio;
	struct virtblk_req *next_free;
};

struct virtio_blk {
	struct virtio_device *vdev;
	struct virtqueue *vq;
	struct gendisk disk;
	struct virtblk_req *reqs, *free_reqs;
	size_t reqs_size;
	struct wait_queue_head wait;		/* submitters waiting for a free request */
};

static int virtblk_index;	/* vda, vdb, ... */

static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->vdev->priv;
	struct virtblk_req *req;

	while ((req = virtqueue_get_buf(vq, NULL)) != NULL) {
		struct bio *bio = req->bio;

		bio->status = req->status == VIRTIO_BLK_S_OK ? 0 : -EIO;
		req->bio = NULL;
		req->next_free = vblk->free_reqs;
		vblk->free_reqs = req;
		bio_endio(bio);
	}
	wake_up_all(&vblk->wait);
}

static void virtblk_submit_bio(struct bio *bio)
{
	struct virtio_blk *vblk = bdev_disk(bio->bdev)->private_data;
	struct scatterlist hdr, data, status, *sgs[] = { &hdr, &data, &status };
	struct virtblk_req *req;
	bool write = bio->op == REQ_OP_WRITE;

	io_wait_event(vblk->wait, vblk->free_reqs != NULL);
	req = vblk->free_reqs;
	vblk->free_reqs = req->next_free;
	req->out_hdr = (struct virtio_blk_outhdr){
		.type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, .sector = bio->sector };
	req->status = VIRTIO_BLK_S_IOERR;	/* a status the device never wrote is an error */
	req->bio = bio;
	sg_init_one(&hdr, &req->out_hdr, sizeof(req->out_hdr));
	sg_set_page(&data, bio->page, bio->len, bio->offset);
	sg_init_one(&status, &req->status, sizeof(req->status));
	/* out: the header, and the data of a write; in: the data of a read, and the status */
	if (virtqueue_add_sgs(vblk->vq, sgs, write ? 2 : 1, write ? 1 : 2, req))
		panic("virtblk_submit_bio: %s: no room in the ring for a free request",
		      vblk->disk.disk_name);
	virtqueue_kick(vblk->vq);
}

static const struct block_device_operations virtblk_fops = {
	.submit_bio = virtblk_submit_bio,
};

static int virtblk_probe(struct virtio_device *vdev)
{
	struct virtio_blk *vblk;
	unsigned int nr_reqs;
	char size10[16], size2[16];
	int err = -ENOMEM;

	if (virtblk_index >= 26)
		return -ENOSPC;
	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	vblk->vdev = vdev;
	vdev->priv = vblk;
	init_waitqueue_head(&vblk->wait);
	vblk->vq = virtio_find_single_vq(vdev, virtblk_done, "requests");
	if (!vblk->vq)
		goto out_free;
	nr_reqs = vblk->vq->num / 3;
	if (!nr_reqs) {		/* a ring too small for one request */
		err = -ENOSPC;
		goto out_free;
	}
	vblk->reqs_size = sizeof(*vblk->reqs) * nr_reqs;
	vblk->reqs = alloc_pages_exact(vblk->reqs_size, GFP_DMA32 | __GFP_ZERO);
	if (!vblk->reqs)
		goto out_free;	/* the queue stays with the failed device: it may still point at it */
	for (unsigned int i = 0; i < nr_reqs; i++) {
		vblk->reqs[i].next_free = vblk->free_reqs;
		vblk->free_reqs = &vblk->reqs[i];
	}

	vblk->disk = (struct gendisk){ .major = VIRTBLK_MAJOR,
				       .first_minor = (unsigned int)virtblk_index << PART_BITS,
				       .capacity = virtio_cread64(vdev, VIRTIO_BLK_CFG_CAPACITY),
				       .read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO),
				       .fops = &virtblk_fops, .private_data = vblk };
	snprintf(vblk->disk.disk_name, sizeof(vblk->disk.disk_name), "vd%c", 'a' + virtblk_index);
	virtio_device_ready(vdev);
	err = add_disk(&vblk->disk);
	if (err)
		goto out_free_reqs;
	virtblk_index++;
	string_get_size(vblk->disk.capacity, SECTOR_SIZE, STRING_UNITS_10, size10, sizeof(size10));
	string_get_size(vblk->disk.capacity, SECTOR_SIZE, STRING_UNITS_2, size2, sizeof(size2));
	pr_notice("virtio_blk %s: [%s] %lu %d-byte logical blocks (%s/%s)\n", vdev->name,
		  vblk->disk.disk_name, vblk->disk.capacity, SECTOR_SIZE, size10, size2);
	return 0;

out_free_reqs:
	free_pages_exact(vblk->reqs, vblk->reqs_size);
out_free:
	vdev->priv = NULL;
	kfree(vblk);
	return err;
}

const struct virtio_driver virtio_blk = {
	.name = "virtio_blk",
	.id = VIRTIO_ID_BLOCK,
	.features = 1ULL << VIRTIO_BLK_F_RO | 1ULL << VIRTIO_F_VERSION_1,
	.probe = virtblk_probe,
};
