/* mm/util.c: small allocation helpers (as Linux's mm/util.c). */
#include <slab.h>
#include <string.h>

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *copy;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	copy = kmalloc(len, gfp);
	if (copy)
		memcpy(copy, s, len);
	return copy;
}
