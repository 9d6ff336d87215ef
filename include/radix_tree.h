/*
 * include/radix_tree.h: a map from unsigned long indices to pointers, as
 * Linux's radix tree (the page cache's index before the xarray took its
 * place, with the same shape).
 *
 * Each node has 64 slots and covers 6 bits of the index; a tree is as tall
 * as its largest index needs (a page cache index of 32 bits: at most 6
 * levels), so a lookup reads at most 6 nodes whatever the number of
 * entries, and a sparse set of indices only costs the nodes on its paths.
 * Nodes come from the "radix_tree_node" slab cache (/proc/slabinfo).
 */
#ifndef _RVMM_RADIX_TREE_H
#define _RVMM_RADIX_TREE_H

#include <types.h>

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)

struct radix_tree_node {
	unsigned char shift;	/* index bits below this level: slot = (index >> shift) & MASK */
	unsigned char offset;	/* which slot of the parent points here */
	unsigned char count;	/* non-NULL slots */
	struct radix_tree_node *parent;
	void *slots[RADIX_TREE_MAP_SIZE];	/* children, or items when shift is 0 */
};

struct radix_tree_root {
	struct radix_tree_node *rnode;	/* the top node; NULL when empty */
};

#define RADIX_TREE_INIT	{ NULL }

static inline void INIT_RADIX_TREE(struct radix_tree_root *root)
{
	root->rnode = NULL;
}

static inline bool radix_tree_empty(const struct radix_tree_root *root)
{
	return root->rnode == NULL;
}

/* radix_tree_init: create the node cache; before the first insert. */
void radix_tree_init(void);
/*
 * Preloading (Linux's radix_tree_preload): an insert's node allocation
 * may reclaim, and reclaim changes trees, so a caller that may reclaim
 * allocates ahead what its inserts need: radix_tree_nodes_needed for each,
 * radix_tree_preload(gfp, their sum), and again while the sum (which the
 * preload's own allocations may change) exceeds radix_tree_preloaded();
 * the inserts then take preloaded nodes, and radix_tree_preload_end frees
 * the rest.  radix_tree_insert_preloaded does it for one insert.
 */
unsigned int radix_tree_nodes_needed(const struct radix_tree_root *root, unsigned long index);
int radix_tree_preload(gfp_t gfp, unsigned int nr);	/* 0 or -ENOMEM */
unsigned int radix_tree_preloaded(void);
void radix_tree_preload_end(void);
/* radix_tree_preload_for: the nodes one insert at index needs; 0, or -ENOMEM with the preload ended. */
int radix_tree_preload_for(const struct radix_tree_root *root, unsigned long index, gfp_t gfp);
/* radix_tree_insert_preloaded: radix_tree_insert, its nodes preloaded with gfp first. */
int radix_tree_insert_preloaded(struct radix_tree_root *root, unsigned long index, void *item,
				gfp_t gfp);
/* radix_tree_insert: map index to item (not NULL); 0, -EEXIST or -ENOMEM. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
/* radix_tree_lookup: the item at index, or NULL. */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
/* radix_tree_delete: remove index; returns the item that was there, or NULL.  Empty nodes are freed. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/*
 * radix_tree_gang_lookup: up to max_items items at indices >= first_index,
 * in ascending index order, into results; returns how many.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items);
/* radix_tree_gang_lookup_index: the same, with each item's index in indices (if not NULL). */
unsigned int radix_tree_gang_lookup_index(const struct radix_tree_root *root, void **results,
					  unsigned long *indices, unsigned long first_index,
					  unsigned int max_items);

#endif
