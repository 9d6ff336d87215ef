/*
 * lib/radix_tree.c: the radix tree behind the page cache (see radix_tree.h).
 *
 * The tree grows upwards: a new top node takes the old one as its slot 0
 * when an index too large for the current height arrives, and a top node
 * left with only slot 0 is removed again.  A node whose last slot empties
 * is freed at once, so a tree with no items has no nodes.
 */
#include <errno.h>
#include <printk.h>
#include <radix_tree.h>
#include <slab.h>
#include <string.h>

#define BITS_PER_LONG	64

/*
 * Nodes are zeroed once, by the cache's constructor, and are given back
 * empty (every slot NULL, count 0), as Linux's: so an allocation need
 * not clear 528 bytes again, which the swap cache's inserts and deletes,
 * a path from root to leaf each time, would otherwise pay on every page.
 */
static struct kmem_cache *radix_tree_node_cachep;

static void radix_tree_node_ctor(void *node)
{
	memset(node, 0, sizeof(struct radix_tree_node));
}

void radix_tree_init(void)
{
	radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
						   sizeof(struct radix_tree_node),
						   0, SLAB_PANIC, radix_tree_node_ctor);
}

/* node_free: give back a node, which must be empty, as the constructor made it. */
static void node_free(struct radix_tree_node *node)
{
	if (node->count)
		panic("radix_tree: a node freed with %u slots in use", node->count);
	kmem_cache_free(radix_tree_node_cachep, node);
}

/* node_maxindex_shift: the largest index a tree whose top node has this shift can hold. */
static unsigned long node_maxindex_shift(unsigned int shift)
{
	unsigned int bits = shift + RADIX_TREE_MAP_SHIFT;

	return bits >= BITS_PER_LONG ? ~0UL : (1UL << bits) - 1;
}

/* node_maxindex: the largest index a tree whose top node is node can hold. */
static unsigned long node_maxindex(const struct radix_tree_node *node)
{
	return node_maxindex_shift(node->shift);
}

/* shift_for: the shift of the smallest top node that can hold index. */
static unsigned int shift_for(unsigned long index)
{
	unsigned int shift = 0;

	while (shift + RADIX_TREE_MAP_SHIFT < BITS_PER_LONG &&
	       (index >> (shift + RADIX_TREE_MAP_SHIFT)) != 0)
		shift += RADIX_TREE_MAP_SHIFT;
	return shift;
}

/*
 * Nodes allocated ahead by radix_tree_preload, which inserts take before
 * allocating: an allocation may reclaim, and reclaim deletes from and
 * inserts into trees (the page cache, the swap cache), which must not
 * happen to a tree in the middle of an insert.  radix_tree_preload_end
 * frees what is left, so that no node is held for nothing.
 */
#define RADIX_TREE_PRELOAD_MAX	24	/* two inserts of 64-bit indices: 11 levels each, and more */
static struct radix_tree_node *preloaded[RADIX_TREE_PRELOAD_MAX];
static unsigned int nr_preloaded;
static unsigned long nr_unpreloaded;	/* nodes inserts had to allocate themselves */

unsigned int radix_tree_nodes_needed(const struct radix_tree_root *root, unsigned long index)
{
	const struct radix_tree_node *node = root->rnode;
	unsigned int shift, tops = 0;

	if (!node)
		return shift_for(index) / RADIX_TREE_MAP_SHIFT + 1;
	for (shift = node->shift; index > node_maxindex_shift(shift); shift += RADIX_TREE_MAP_SHIFT)
		tops++;
	if (tops)	/* above the old top: a new top per level, and a whole new path under them */
		return tops + (shift / RADIX_TREE_MAP_SHIFT);
	while (node->shift) {
		const struct radix_tree_node *child = node->slots[(index >> node->shift) & RADIX_TREE_MAP_MASK];

		if (!child)
			return node->shift / RADIX_TREE_MAP_SHIFT;
		node = child;
	}
	return 0;
}

int radix_tree_preload(gfp_t gfp, unsigned int nr)
{
	if (nr > RADIX_TREE_PRELOAD_MAX)
		return -ENOMEM;
	while (nr_preloaded < nr) {
		struct radix_tree_node *node = kmem_cache_alloc(radix_tree_node_cachep, gfp);

		if (!node)
			return -ENOMEM;
		if (nr_preloaded < RADIX_TREE_PRELOAD_MAX)	/* reclaim's own preload may have filled it */
			preloaded[nr_preloaded++] = node;
		else
			node_free(node);
	}
	return 0;
}

unsigned int radix_tree_preloaded(void)
{
	return nr_preloaded;
}

void radix_tree_preload_end(void)
{
	while (nr_preloaded)
		node_free(preloaded[--nr_preloaded]);
}

static struct radix_tree_node *node_alloc(struct radix_tree_node *parent,
					  unsigned int shift, unsigned int offset)
{
	struct radix_tree_node *node;

	if (nr_preloaded) {
		node = preloaded[--nr_preloaded];
	} else {
		nr_unpreloaded++;
		node = kmem_cache_alloc(radix_tree_node_cachep, GFP_KERNEL);
	}
	if (!node)
		return NULL;
	node->shift = (unsigned char)shift;
	node->offset = (unsigned char)offset;
	node->parent = parent;
	return node;
}

/* free_empty_nodes: free node and then its ancestors for as long as they are left empty. */
static void free_empty_nodes(struct radix_tree_root *root, struct radix_tree_node *node)
{
	while (node && node->count == 0) {
		struct radix_tree_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			root->rnode = NULL;
		}
		node_free(node);
		node = parent;
	}
}

/* shrink: drop top nodes whose only child is in slot 0: they add height and nothing else. */
static void shrink(struct radix_tree_root *root)
{
	struct radix_tree_node *top = root->rnode;

	while (top && top->shift && top->count == 1 && top->slots[0]) {
		struct radix_tree_node *child = top->slots[0];

		child->parent = NULL;
		root->rnode = child;
		top->slots[0] = NULL;
		top->count = 0;
		node_free(top);
		top = child;
	}
}

/* extend: add levels on top until index fits under the top node. */
static int extend(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *top = root->rnode;

	while (index > node_maxindex(top)) {
		struct radix_tree_node *node =
			node_alloc(NULL, top->shift + RADIX_TREE_MAP_SHIFT, 0);

		if (!node)
			return -ENOMEM;
		node->slots[0] = top;
		node->count = 1;
		top->parent = node;
		top->offset = 0;
		root->rnode = node;
		top = node;
	}
	return 0;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *node;
	unsigned int offset;

	if (!item)
		return -EINVAL;
	if (!root->rnode) {
		root->rnode = node_alloc(NULL, shift_for(index), 0);
		if (!root->rnode)
			return -ENOMEM;
	} else if (extend(root, index)) {
		goto fail;
	}

	node = root->rnode;
	while (node->shift) {
		struct radix_tree_node *child;

		offset = (index >> node->shift) & RADIX_TREE_MAP_MASK;
		child = node->slots[offset];
		if (!child) {
			child = node_alloc(node, node->shift - RADIX_TREE_MAP_SHIFT, offset);
			if (!child) {
				free_empty_nodes(root, node);
				goto fail;
			}
			node->slots[offset] = child;
			node->count++;
		}
		node = child;
	}
	offset = index & RADIX_TREE_MAP_MASK;
	if (node->slots[offset])
		return -EEXIST;
	node->slots[offset] = item;
	node->count++;
	return 0;

fail:
	shrink(root);
	return -ENOMEM;
}

/* leaf_for: the bottom node whose slots hold index, or NULL if there is none. */
static struct radix_tree_node *leaf_for(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = root->rnode;

	if (!node || index > node_maxindex(node))
		return NULL;
	while (node && node->shift)
		node = node->slots[(index >> node->shift) & RADIX_TREE_MAP_MASK];
	return node;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *leaf = leaf_for(root, index);

	return leaf ? leaf->slots[index & RADIX_TREE_MAP_MASK] : NULL;
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *leaf = leaf_for(root, index);
	unsigned int offset = index & RADIX_TREE_MAP_MASK;
	void *item;

	if (!leaf || !leaf->slots[offset])
		return NULL;
	item = leaf->slots[offset];
	leaf->slots[offset] = NULL;
	leaf->count--;
	free_empty_nodes(root, leaf);
	shrink(root);
	return item;
}

/*
 * next_item: the first item at an index >= index in the subtree of node,
 * which covers indices from base; its index goes to *found.
 */
static void *next_item(const struct radix_tree_node *node, unsigned long base,
		       unsigned long index, unsigned long *found)
{
	for (unsigned long off = (index - base) >> node->shift; off < RADIX_TREE_MAP_SIZE; off++) {
		unsigned long slot_base = base + (off << node->shift);
		void *slot = node->slots[off];
		void *item;

		if (!slot)
			continue;
		if (!node->shift) {
			*found = slot_base;
			return slot;
		}
		item = next_item(slot, slot_base, index > slot_base ? index : slot_base, found);
		if (item)
			return item;
	}
	return NULL;
}

unsigned int radix_tree_gang_lookup_index(const struct radix_tree_root *root, void **results,
					  unsigned long *indices, unsigned long first_index,
					  unsigned int max_items)
{
	unsigned long index = first_index, found;
	unsigned int n = 0;

	if (!root->rnode)
		return 0;
	while (n < max_items && index <= node_maxindex(root->rnode)) {
		void *item = next_item(root->rnode, 0, index, &found);

		if (!item)
			break;
		if (indices)
			indices[n] = found;
		results[n++] = item;
		if (found == ~0UL)
			break;
		index = found + 1;
	}
	return n;
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items)
{
	return radix_tree_gang_lookup_index(root, results, NULL, first_index, max_items);
}

int radix_tree_preload_for(const struct radix_tree_root *root, unsigned long index, gfp_t gfp)
{
	unsigned int need;

	while ((need = radix_tree_nodes_needed(root, index)) > nr_preloaded)
		if (radix_tree_preload(gfp, need)) {
			radix_tree_preload_end();
			return -ENOMEM;
		}
	return 0;
}

int radix_tree_insert_preloaded(struct radix_tree_root *root, unsigned long index, void *item,
				gfp_t gfp)
{
	unsigned long unpreloaded = nr_unpreloaded;
	int err = radix_tree_preload_for(root, index, gfp);

	if (err)
		return err;
	err = radix_tree_insert(root, index, item);
	if (nr_unpreloaded != unpreloaded)
		panic("radix_tree_insert_preloaded: radix_tree_nodes_needed counted too few nodes");
	radix_tree_preload_end();
	return err;
}
