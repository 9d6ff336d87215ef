/*
 * include/virtio_ring.h: the split virtqueue's layout in memory (spec
 * 2.7), and what a transport calls to make one (kernel/drivers/virtio_ring.c).
 *
 * Three rings share one physically contiguous block: the descriptor table
 * (each entry one piece of a buffer, chained by next), the available ring
 * (heads of the chains the driver offers, written by the driver) and, at
 * the next VIRTIO_MMIO_VRING_ALIGN boundary, the used ring (heads the
 * device is done with, and the bytes it wrote, written by the device).
 * This is the legacy layout, which the modern interface accepts too: it
 * takes the three addresses separately.  Fields are little-endian, as the
 * modern interface requires and the legacy one (guest-endian) has on RISC-V.
 */
#ifndef _RVMM_VIRTIO_RING_H
#define _RVMM_VIRTIO_RING_H

#include <virtio.h>

#define VRING_DESC_F_NEXT	1	/* the chain goes on at next */
#define VRING_DESC_F_WRITE	2	/* the device writes this piece */
#define VRING_USED_F_NO_NOTIFY	1	/* the device needs no kick */
#define VRING_AVAIL_F_NO_INTERRUPT 1	/* the driver needs no interrupt */

#define VIRTIO_MMIO_VRING_ALIGN	4096	/* the legacy interface's QueueAlign */

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;		/* where the driver puts the next head (mod num) */
	u16 ring[];
};

struct vring_used_elem {
	u32 id;			/* the head of the chain used */
	u32 len;		/* bytes the device wrote into it */
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

/*
 * vring_create_virtqueue: a queue of num entries (a power of two) in
 * zeroed DMA32 pages; notify tells the device there is work.  NULL when
 * memory is short.
 */
struct virtqueue *vring_create_virtqueue(unsigned int index, unsigned int num,
					 struct virtio_device *vdev,
					 void (*notify)(struct virtqueue *vq),
					 void (*callback)(struct virtqueue *vq), const char *name);
/* vring_del_virtqueue: free the queue and its rings (the device must no longer use them). */
void vring_del_virtqueue(struct virtqueue *vq);
/* vring_interrupt: the transport's interrupt: run the callback if buffers were used; whether any were. */
bool vring_interrupt(struct virtqueue *vq);
/* The rings' physical addresses, for the transport's registers. */
phys_addr_t virtqueue_get_desc_addr(const struct virtqueue *vq);
phys_addr_t virtqueue_get_avail_addr(const struct virtqueue *vq);
phys_addr_t virtqueue_get_used_addr(const struct virtqueue *vq);

#endif
