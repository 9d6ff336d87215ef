/*
 * include/virtio.h: virtio devices (the OASIS Virtual I/O Device
 * specification 1.x) as Linux's virtio core presents them to a driver.
 *
 * The transport is virtio-mmio (kernel/drivers/virtio_mmio.c): QEMU's
 * virt machine has eight slots of device registers, each in the device
 * tree with its interrupt.  Both of its register layouts are driven, as
 * Linux does: the legacy one (Version 1, QEMU 7.2's default) and the
 * modern one (Version 2, `-global virtio-mmio.force-legacy=false`).
 * The rings a driver and its device share are split virtqueues
 * (kernel/drivers/virtio_ring.c).
 */
#ifndef _RVMM_VIRTIO_H
#define _RVMM_VIRTIO_H

#include <types.h>

struct page;
struct virtqueue;

/* Device IDs (spec 5) */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2

/* Device status bits (spec 2.1) */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1	/* the guest found the device */
#define VIRTIO_CONFIG_S_DRIVER		2	/* ...and has a driver for it */
#define VIRTIO_CONFIG_S_DRIVER_OK	4	/* the driver is ready */
#define VIRTIO_CONFIG_S_FEATURES_OK	8	/* the driver accepted the features (modern only) */
#define VIRTIO_CONFIG_S_NEEDS_RESET	0x40
#define VIRTIO_CONFIG_S_FAILED		0x80

/* Feature bits every device type shares (spec 6) */
#define VIRTIO_F_VERSION_1	32	/* the modern interface: little-endian, FEATURES_OK */

/*
 * virtio_device: one device found behind a transport.  index numbers the
 * devices found, as Linux's virtio0, virtio1...; features holds what the
 * driver and the device agreed on.
 */
struct virtio_device {
	int index;
	char name[16];			/* "virtio0" */
	u32 id;				/* VIRTIO_ID_* */
	u32 version;			/* the virtio-mmio layout: 1 legacy, 2 modern */
	u64 features;
	void *base;			/* the registers (ioremap) */
	unsigned int irq;		/* its PLIC source */
	struct virtqueue *vq;		/* its one queue, once found */
	void *priv;			/* the driver's */
};

/* virtio_driver: a driver for one device ID; probe returns 0 or -errno. */
struct virtio_driver {
	const char *name;		/* "virtio_blk" */
	u32 id;
	u64 features;			/* the feature bits it understands (bit masks) */
	int (*probe)(struct virtio_device *vdev);
};

/* The drivers, one per device type (kernel/drivers/virtio_blk.c...). */
extern const struct virtio_driver virtio_blk;

/* virtio_mmio_init: find every virtio-mmio slot in the device tree and probe the devices there. */
void virtio_mmio_init(void);

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int fbit)
{
	return vdev->features & (1ULL << fbit);
}

/* virtio_cread32/64: the field at offset of the device-specific configuration space. */
u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset);
u64 virtio_cread64(struct virtio_device *vdev, unsigned int offset);
/* virtio_device_ready: tell the device the driver is ready (DRIVER_OK); its queues run from now. */
void virtio_device_ready(struct virtio_device *vdev);

/*
 * virtio_find_single_vq: set up queue 0 with as many entries as the
 * device allows (at most VIRTQUEUE_MAX_SIZE); callback runs from the
 * interrupt handler when the device has used buffers.  NULL on failure.
 */
struct virtqueue *virtio_find_single_vq(struct virtio_device *vdev,
					void (*callback)(struct virtqueue *vq), const char *name);

/* ---- the virtqueue (kernel/drivers/virtio_ring.c) ---- */

#define VIRTQUEUE_MAX_SIZE	256

/*
 * scatterlist: one piece of a buffer the device reads or writes, by its
 * physical address (the device sees no kernel virtual addresses).
 */
struct scatterlist {
	phys_addr_t dma_address;
	unsigned int length;
};

/* sg_init_one: buf, in the kernel's direct map, len bytes. */
void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int len);
/* sg_set_page: len bytes at offset within page. */
void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len,
		 unsigned int offset);

/*
 * virtqueue: the driver's view of one queue.  num_free is the number of
 * descriptors not in use: a buffer of n pieces needs n.
 */
struct virtqueue {
	struct virtio_device *vdev;
	const char *name;
	unsigned int index;		/* the queue's number at the device */
	unsigned int num;		/* entries in each ring */
	unsigned int num_free;
	void (*callback)(struct virtqueue *vq);
	void *priv;			/* the driver's */
};

/*
 * virtqueue_add_sgs: offer the device one buffer of out_sgs pieces it
 * reads followed by in_sgs pieces it writes (sgs[] holds one scatterlist
 * per piece); data comes back from virtqueue_get_buf when the device is
 * done.  -ENOSPC when the ring has too few free descriptors.  The device
 * is told only by virtqueue_kick.
 */
int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[], unsigned int out_sgs,
		      unsigned int in_sgs, void *data);
/* virtqueue_kick: notify the device of the buffers added, unless it asked not to be. */
void virtqueue_kick(struct virtqueue *vq);
/* virtqueue_get_buf: the data of the next buffer the device used, and the bytes it wrote; NULL when none. */
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);

#endif
