/* lib/cmdline.c: parsing the kernel command line (freestanding; host tests use it too). */
#include <cmdline.h>
#include <stdlib.h>
#include <string.h>

bool cmdline_find(const char *line, const char *name, char *val, size_t len)
{
	size_t nlen = strlen(name);
	bool found = false;
	const char *p = line;

	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		end = p;
		while (*end && *end != ' ')
			end++;
		if ((size_t)(end - p) >= nlen && !strncmp(p, name, nlen) &&
		    (p + nlen == end || p[nlen] == '=')) {
			const char *v = p + nlen + (p + nlen == end ? 0 : 1);
			size_t vlen = end - v;

			found = true;
			if (len) {
				if (vlen >= len)
					vlen = len - 1;
				memcpy(val, v, vlen);
				val[vlen] = '\0';
			}
		}
		p = end;
	}
	return found;
}

u64 memparse(const char *s, const char **end)
{
	char *e;
	u64 v = strtoull(s, &e, 0);

	switch (*e) {
	case 'G': case 'g':
		v <<= 10;
		/* fall through */
	case 'M': case 'm':
		v <<= 10;
		/* fall through */
	case 'K': case 'k':
		v <<= 10;
		e++;
		break;
	default:
		break;
	}
	if (end)
		*end = e;
	return v;
}
