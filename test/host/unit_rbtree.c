/*
 * test/host/unit_rbtree.c: lib/rbtree.c against a model.  Random inserts
 * and erases of keys; after each step the tree must hold exactly the
 * model's keys in order, with consistent parent links, a black root, no
 * red node with a red child, and the same number of black nodes on every
 * path.
 */
#include "host.h"

#include <rbtree.h>
#include <stdlib.h>
#include <string.h>

#define KEYS 2048

struct item {
	struct rb_node node;
	unsigned int key;
};

static struct item items[KEYS];
static bool in_tree[KEYS];

static void insert(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < rb_entry(parent, struct item, node)->key ? &parent->left : &parent->right;
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color(&it->node, root);
}

/* check_subtree: the black height of n's subtree, or -1 if a rule is broken below n. */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent)
{
	int l, r;

	if (!n)
		return 1;
	if (n->parent != parent)
		return -1;
	if (n->red && ((n->left && n->left->red) || (n->right && n->right->red)))
		return -1;
	if (n->left && rb_entry(n->left, struct item, node)->key > rb_entry(n, struct item, node)->key)
		return -1;
	if (n->right && rb_entry(n->right, struct item, node)->key < rb_entry(n, struct item, node)->key)
		return -1;
	l = check_subtree(n->left, n);
	r = check_subtree(n->right, n);
	if (l < 0 || r < 0 || l != r)
		return -1;
	return l + (n->red ? 0 : 1);
}

/* matches_model: in-order traversal gives exactly the keys in_tree says, ascending. */
static bool matches_model(const struct rb_root *root)
{
	const struct rb_node *n = rb_first(root);

	for (unsigned int k = 0; k < KEYS; k++) {
		if (!in_tree[k])
			continue;
		if (!n || rb_entry(n, struct item, node)->key != k)
			return false;
		n = rb_next(n);
	}
	return n == NULL;
}

static void scenario_random(const void *arg)
{
	struct rb_root root = RB_ROOT;
	struct rng r = { host_seed() };
	unsigned long ops = host_ops(100000), bad_shape = 0, bad_content = 0, size = 0, max_height = 0;

	(void)arg;
	for (unsigned int k = 0; k < KEYS; k++)
		items[k].key = k;
	for (unsigned long op = 0; op < ops; op++) {
		unsigned int k = (unsigned int)rng_below(&r, KEYS);

		if (in_tree[k]) {
			rb_erase(&items[k].node, &root);
			in_tree[k] = false;
			size--;
		} else {
			insert(&root, &items[k]);
			in_tree[k] = true;
			size++;
		}
		if ((root.node && (root.node->red || root.node->parent)) ||
		    check_subtree(root.node, NULL) < 0)
			bad_shape++;
		if (op % 97 == 0 && !matches_model(&root))
			bad_content++;
		if ((unsigned long)check_subtree(root.node, NULL) > max_height)
			max_height = (unsigned long)check_subtree(root.node, NULL);
	}
	tap_ok(bad_shape == 0, "rbtree: %lu random inserts and erases keep every red-black rule", ops);
	tap_ok(bad_content == 0 && matches_model(&root),
	       "rbtree: in-order traversal always matches the model (%lu keys at the end)", size);
	tap_ok(max_height <= 12, "rbtree: black height stays logarithmic (%lu for up to %d keys)",
	       max_height, KEYS);
	/* and backwards */
	{
		const struct rb_node *n = root.node;
		unsigned int seen = 0, last = KEYS;
		bool down = true;

		while (n && n->right)
			n = n->right;
		for (; n; n = rb_prev(n), seen++) {
			down &= rb_entry(n, struct item, node)->key < last;
			last = rb_entry(n, struct item, node)->key;
		}
		tap_ok(down && seen == size, "rbtree: rb_prev walks the keys in descending order");
	}
	for (unsigned int k = 0; k < KEYS; k++)
		if (in_tree[k])
			rb_erase(&items[k].node, &root);
	tap_ok(root.node == NULL, "rbtree: erasing everything leaves an empty tree");
}

int main(void)
{
	tap_init();
	tap_run("rbtree", scenario_random, NULL);
	return tap_done();
}
