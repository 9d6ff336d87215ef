/*
 * kernel/drivers/virtio_ring.c: split virtqueues (virtio spec 2.7), as
 * Linux's drivers/virtio/virtio_ring.c.
 *
 * The driver keeps the free descriptors on a list chained through their
 * next fields (free_head).  A buffer takes one descriptor per piece,
 * chained with VRING_DESC_F_NEXT; its head goes into the available ring,
 * and a write barrier later the ring's idx moves on, which is what the
 * device reads.  The device puts the head into the used ring when done;
 * the driver follows used->idx with last_used_idx, and returns the chain
 * to the free list.  Who touches what: the driver writes desc and avail,
 * the device writes used, so the only ordering needed is the barriers
 * below.  Interrupts are off in the kernel, and the interrupt handler is
 * the only other user, so nothing here needs a lock.
 */
#include <asm/barrier.h>
#include <errno.h>
#include <gfp.h>
#include <mm.h>
#include <printk.h>
#include <slab.h>
#include <string.h>
#include <virtio_ring.h>

struct vring_virtqueue {
	struct virtqueue vq;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void *queue;			/* the block holding the three */
	size_t queue_size;
	void (*notify)(struct virtqueue *vq);
	u16 free_head;			/* the first free descriptor */
	u16 avail_idx_shadow;		/* what avail->idx was last set to */
	u16 last_used_idx;		/* the used entries seen so far */
	void *data[];			/* per head: the token virtqueue_get_buf returns */
};

#define to_vvq(_vq)	container_of(_vq, struct vring_virtqueue, vq)

/* vring_size: the bytes of the legacy layout for num entries. */
static size_t vring_size(unsigned int num)
{
	size_t avail_end = sizeof(struct vring_desc) * num + sizeof(u16) * (3 + num);

	return ALIGN(avail_end, VIRTIO_MMIO_VRING_ALIGN) +
	       sizeof(u16) * 3 + sizeof(struct vring_used_elem) * num;
}

void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int len)
{
	sg->dma_address = __pa(buf);
	sg->length = len;
}

void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len,
		 unsigned int offset)
{
	sg->dma_address = PFN_PHYS(page_to_pfn(page)) + offset;
	sg->length = len;
}

struct virtqueue *vring_create_virtqueue(unsigned int index, unsigned int num,
					 struct virtio_device *vdev,
					 void (*notify)(struct virtqueue *vq),
					 void (*callback)(struct virtqueue *vq), const char *name)
{
	struct vring_virtqueue *vvq;
	size_t size = vring_size(num);

	if (!num || num & (num - 1) || num > 32768)
		panic("vring_create_virtqueue: %u entries is not a power of two up to 32768", num);
	vvq = kzalloc(sizeof(*vvq) + sizeof(void *) * num, GFP_KERNEL);
	if (!vvq)
		return NULL;
	vvq->queue = alloc_pages_exact(size, GFP_DMA32 | __GFP_ZERO);
	if (!vvq->queue) {
		kfree(vvq);
		return NULL;
	}
	vvq->queue_size = size;
	vvq->desc = vvq->queue;
	vvq->avail = (struct vring_avail *)(vvq->desc + num);
	vvq->used = (struct vring_used *)((char *)vvq->queue +
		ALIGN((size_t)((char *)&vvq->avail->ring[num + 1] - (char *)vvq->queue),
		      VIRTIO_MMIO_VRING_ALIGN));
	for (unsigned int i = 0; i < num - 1; i++)
		vvq->desc[i].next = (u16)(i + 1);
	vvq->notify = notify;
	vvq->vq = (struct virtqueue){ .vdev = vdev, .name = name, .index = index, .num = num,
				      .num_free = num, .callback = callback };
	return &vvq->vq;
}

void vring_del_virtqueue(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);

	free_pages_exact(vvq->queue, vvq->queue_size);
	kfree(vvq);
}

phys_addr_t virtqueue_get_desc_addr(const struct virtqueue *vq)
{
	return __pa(to_vvq(vq)->desc);
}

phys_addr_t virtqueue_get_avail_addr(const struct virtqueue *vq)
{
	return __pa(to_vvq(vq)->avail);
}

phys_addr_t virtqueue_get_used_addr(const struct virtqueue *vq)
{
	return __pa(to_vvq(vq)->used);
}

int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[], unsigned int out_sgs,
		      unsigned int in_sgs, void *data)
{
	struct vring_virtqueue *vvq = to_vvq(vq);
	unsigned int total = out_sgs + in_sgs, head = vvq->free_head, i = head, prev = head;

	if (!total || !data)
		return -EINVAL;
	if (total > vq->num_free)
		return -ENOSPC;
	for (unsigned int n = 0; n < total; n++) {
		struct vring_desc *d = &vvq->desc[i];

		d->addr = sgs[n]->dma_address;
		d->len = sgs[n]->length;
		d->flags = VRING_DESC_F_NEXT | (n >= out_sgs ? VRING_DESC_F_WRITE : 0);
		prev = i;
		i = d->next;
	}
	vvq->desc[prev].flags &= (u16)~VRING_DESC_F_NEXT;
	vvq->free_head = (u16)i;
	vq->num_free -= total;
	vvq->data[head] = data;

	vvq->avail->ring[vvq->avail_idx_shadow & (vq->num - 1)] = (u16)head;
	wmb();		/* the descriptors and the ring entry before the index that publishes them */
	vvq->avail_idx_shadow++;
	WRITE_ONCE(vvq->avail->idx, vvq->avail_idx_shadow);
	return 0;
}

void virtqueue_kick(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);

	mb();		/* the new avail->idx before reading whether the device wants a kick */
	if (!(READ_ONCE(vvq->used->flags) & VRING_USED_F_NO_NOTIFY))
		vvq->notify(vq);
}

static bool more_used(const struct vring_virtqueue *vvq)
{
	return vvq->last_used_idx != READ_ONCE(vvq->used->idx);
}

/* detach_buf: put the chain at head back on the free list. */
static void detach_buf(struct vring_virtqueue *vvq, unsigned int head)
{
	unsigned int i = head, n = 1;

	while (vvq->desc[i].flags & VRING_DESC_F_NEXT) {
		i = vvq->desc[i].next;
		n++;
	}
	vvq->desc[i].next = vvq->free_head;
	vvq->free_head = (u16)head;
	vvq->vq.num_free += n;
	vvq->data[head] = NULL;
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct vring_virtqueue *vvq = to_vvq(vq);
	const struct vring_used_elem *e;
	void *data;

	if (!more_used(vvq))
		return NULL;
	rmb();		/* the index before the entry it covers */
	e = &vvq->used->ring[vvq->last_used_idx & (vq->num - 1)];
	if (e->id >= vq->num || !vvq->data[e->id])
		panic("virtqueue_get_buf: %s: the device used id %u, which is not a buffer in use",
		      vq->name, e->id);
	data = vvq->data[e->id];
	if (len)
		*len = e->len;
	detach_buf(vvq, e->id);
	vvq->last_used_idx++;
	return data;
}

bool vring_interrupt(struct virtqueue *vq)
{
	if (!more_used(to_vvq(vq)))
		return false;
	if (vq->callback)
		vq->callback(vq);
	return true;
}
