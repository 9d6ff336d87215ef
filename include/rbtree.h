/*
 * include/rbtree.h: red-black trees (lib/rbtree.c), with Linux's shape of
 * interface: the tree only keeps itself balanced; its user searches it and
 * links a new node where the search ended (rb_link_node), then calls
 * rb_insert_color.  Every path from the root to a leaf has the same number
 * of black nodes and no red node has a red child, so the height stays
 * within 2 log2(n + 1).
 */
#ifndef _RVMM_RBTREE_H
#define _RVMM_RBTREE_H

#include <compiler.h>
#include <types.h>

struct rb_node {
	struct rb_node *parent, *left, *right;
	bool red;
};

struct rb_root {
	struct rb_node *node;
};

#define RB_ROOT ((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

/* rb_link_node: make node the child *link of parent (a leaf position a search found). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **link)
{
	node->parent = parent;
	node->left = node->right = NULL;
	node->red = true;
	*link = node;
}

/* rb_insert_color: rebalance after rb_link_node. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* rb_erase: take node out of the tree. */
void rb_erase(struct rb_node *node, struct rb_root *root);
/* rb_first / rb_next / rb_prev: in-order traversal; NULL at the ends. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

#endif
