/*
 * kernel/drivers/virtio_mmio.c: the virtio-mmio transport (virtio spec
 * 4.2), as Linux's drivers/virtio/virtio_mmio.c, with the part of
 * Linux's virtio core that matters here (the device numbering, the status
 * handshake, feature negotiation and the choice of driver).
 *
 * Each slot is a page of registers named in the device tree ("virtio,mmio")
 * with one interrupt.  A slot with DeviceID 0 is empty.  Bringing a device
 * up (spec 3.1.1): reset, ACKNOWLEDGE, DRIVER, read the device's features
 * and write the ones the driver understands, and on the modern interface
 * FEATURES_OK, read back to see the device accepted them; then the driver
 * sets up its queues and says DRIVER_OK.  The legacy interface (Version 1)
 * has 32 feature bits, no FEATURES_OK, and takes a queue as one page
 * frame number; the modern one (Version 2) needs VIRTIO_F_VERSION_1 and
 * takes the three rings' addresses and a QueueReady.
 */
#include <asm/io.h>
#include <errno.h>
#include <fdt.h>
#include <irq.h>
#include <mm.h>
#include <printk.h>
#include <slab.h>
#include <stdio.h>
#include <vmalloc.h>
#include <virtio_ring.h>

/* Registers (spec 4.2.2; 4.2.4 for the legacy ones) */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE	0x028	/* legacy */
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_ALIGN		0x03c	/* legacy */
#define VIRTIO_MMIO_QUEUE_PFN		0x040	/* legacy */
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100	/* the device-specific configuration */
#define VIRTIO_MMIO_SIZE		0x200

#define VIRTIO_MMIO_MAGIC		0x74726976	/* "virt", little-endian */
#define VIRTIO_MMIO_INT_VRING		0x1	/* a queue has used buffers */
#define VIRTIO_MMIO_INT_CONFIG		0x2	/* the configuration changed */

static const struct virtio_driver *const virtio_drivers[] = { &virtio_blk };

static int virtio_index;	/* the next device's number */

static u32 vm_read(const struct virtio_device *vdev, unsigned int reg)
{
	return readl((char *)vdev->base + reg);
}

static void vm_write(const struct virtio_device *vdev, unsigned int reg, u32 v)
{
	writel(v, (char *)vdev->base + reg);
}

static void vm_add_status(struct virtio_device *vdev, u32 status)
{
	vm_write(vdev, VIRTIO_MMIO_STATUS, vm_read(vdev, VIRTIO_MMIO_STATUS) | status);
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset)
{
	return vm_read(vdev, VIRTIO_MMIO_CONFIG + offset);
}

/*
 * A 64-bit field is two reads: on the modern interface the generation
 * counter tells whether the device changed it in between (spec 4.2.2.2).
 */
u64 virtio_cread64(struct virtio_device *vdev, unsigned int offset)
{
	u32 gen, lo, hi;

	do {
		gen = vdev->version == 1 ? 0 : vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION);
		lo = virtio_cread32(vdev, offset);
		hi = virtio_cread32(vdev, offset + 4);
	} while (vdev->version != 1 && gen != vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION));
	return (u64)hi << 32 | lo;
}

void virtio_device_ready(struct virtio_device *vdev)
{
	vm_add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
}

static void vm_notify(struct virtqueue *vq)
{
	vm_write(vq->vdev, VIRTIO_MMIO_QUEUE_NOTIFY, vq->index);
}

struct virtqueue *virtio_find_single_vq(struct virtio_device *vdev,
					void (*callback)(struct virtqueue *vq), const char *name)
{
	struct virtqueue *vq;
	u32 max, num = VIRTQUEUE_MAX_SIZE;

	vm_write(vdev, VIRTIO_MMIO_QUEUE_SEL, 0);
	if (vm_read(vdev, vdev->version == 1 ? VIRTIO_MMIO_QUEUE_PFN : VIRTIO_MMIO_QUEUE_READY)) {
		pr_err("%s: queue 0 is already in use\n", vdev->name);
		return NULL;
	}
	max = vm_read(vdev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (!max) {
		pr_err("%s: queue 0 is not available\n", vdev->name);
		return NULL;
	}
	while (num > max)
		num >>= 1;	/* a split ring's size is a power of two */
	vq = vring_create_virtqueue(0, num, vdev, vm_notify, callback, name);
	if (!vq)
		return NULL;
	vm_write(vdev, VIRTIO_MMIO_QUEUE_NUM, num);
	if (vdev->version == 1) {
		u64 pfn = virtqueue_get_desc_addr(vq) >> PAGE_SHIFT;

		if (pfn >> 32) {	/* QueuePFN is 32 bits */
			pr_err("%s: the ring at pfn %#llx is out of the device's reach\n",
			       vdev->name, (unsigned long long)pfn);
			vring_del_virtqueue(vq);
			return NULL;
		}
		vm_write(vdev, VIRTIO_MMIO_QUEUE_ALIGN, VIRTIO_MMIO_VRING_ALIGN);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_PFN, (u32)pfn);
	} else {
		u64 desc = virtqueue_get_desc_addr(vq), avail = virtqueue_get_avail_addr(vq),
		    used = virtqueue_get_used_addr(vq);

		vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)desc);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_HIGH, (u32)(desc >> 32));
		vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (u32)avail);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, (u32)(avail >> 32));
		vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_LOW, (u32)used);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_HIGH, (u32)(used >> 32));
		vm_write(vdev, VIRTIO_MMIO_QUEUE_READY, 1);
	}
	vdev->vq = vq;
	return vq;
}

/* vm_interrupt: acknowledge what the device says happened, then drain the queue. */
static void vm_interrupt(unsigned int irq, void *dev)
{
	struct virtio_device *vdev = dev;
	u32 status = vm_read(vdev, VIRTIO_MMIO_INTERRUPT_STATUS);

	vm_write(vdev, VIRTIO_MMIO_INTERRUPT_ACK, status);
	if ((status & VIRTIO_MMIO_INT_VRING) && vdev->vq)
		vring_interrupt(vdev->vq);
}

static u64 vm_get_features(const struct virtio_device *vdev)
{
	u64 features;

	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	features = vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES);
	if (vdev->version == 1)
		return features;
	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	return features | (u64)vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
}

static void vm_set_features(const struct virtio_device *vdev)
{
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)vdev->features);
	if (vdev->version == 1)
		return;
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(vdev->features >> 32));
}

/* virtio_dev_probe: the handshake up to the driver's probe; 0 or -errno (the caller marks the device FAILED). */
static int virtio_dev_probe(struct virtio_device *vdev, const struct virtio_driver *drv)
{
	int err;

	vm_add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
	vdev->features = vm_get_features(vdev) & drv->features;
	if (vdev->version != 1 && !virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
		pr_err("%s: New virtio-mmio devices (version 2) must provide VIRTIO_F_VERSION_1 feature!\n",
		       vdev->name);
		return -EINVAL;
	}
	vm_set_features(vdev);
	if (vdev->version != 1) {
		vm_add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
		if (!(vm_read(vdev, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK)) {
			pr_err("%s: device refuses features: %#llx\n", vdev->name,
			       (unsigned long long)vdev->features);
			return -ENODEV;
		}
	}
	err = request_irq(vdev->irq, vm_interrupt, vdev);
	if (err) {
		pr_err("%s: irq %u: error %d\n", vdev->name, vdev->irq, err);
		return err;
	}
	return drv->probe(vdev);
}

/* virtio_mmio_probe: one slot of the device tree. */
static void virtio_mmio_probe(u64 base, u64 size, u32 irq, void *unused)
{
	struct virtio_device *vdev;
	const struct virtio_driver *drv = NULL;
	void *regs = ioremap(base, MIN(size, (u64)VIRTIO_MMIO_SIZE));
	u32 magic, version, id;

	if (!regs) {
		pr_err("virtio-mmio %#llx: no room in the ioremap area\n", (unsigned long long)base);
		return;
	}
	magic = readl(regs);
	version = readl((char *)regs + VIRTIO_MMIO_VERSION);
	id = readl((char *)regs + VIRTIO_MMIO_DEVICE_ID);
	if (magic != VIRTIO_MMIO_MAGIC) {
		pr_warn("virtio-mmio %#llx: Wrong magic value 0x%08x!\n", (unsigned long long)base, magic);
		goto unmap;
	}
	if (version < 1 || version > 2) {
		pr_err("virtio-mmio %#llx: Version %u not supported!\n", (unsigned long long)base, version);
		goto unmap;
	}
	if (id == 0)		/* an empty slot */
		goto unmap;
	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		goto unmap;
	*vdev = (struct virtio_device){ .index = virtio_index++, .id = id, .version = version,
					.base = regs, .irq = irq };
	snprintf(vdev->name, sizeof(vdev->name), "virtio%d", vdev->index);
	if (version == 1)
		vm_write(vdev, VIRTIO_MMIO_GUEST_PAGE_SIZE, PAGE_SIZE);
	vm_write(vdev, VIRTIO_MMIO_STATUS, 0);	/* reset */
	vm_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	for (unsigned int i = 0; i < ARRAY_SIZE(virtio_drivers); i++)
		if (virtio_drivers[i]->id == id)
			drv = virtio_drivers[i];
	if (!drv)		/* no driver: the device stays found, unused, as on Linux */
		return;
	if (virtio_dev_probe(vdev, drv)) {
		vm_add_status(vdev, VIRTIO_CONFIG_S_FAILED);
		pr_err("%s: %s: probe failed\n", vdev->name, drv->name);
	}
	return;
unmap:
	iounmap(regs);
}

void virtio_mmio_init(void)
{
	fdt_for_each_compatible("virtio,mmio", virtio_mmio_probe, NULL);
}
