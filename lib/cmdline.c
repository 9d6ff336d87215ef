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

static bool known_param(const char *const known[], const char *name, size_t len)
{
	for (; *known; known++)
		if (strlen(*known) == len && !strncmp(*known, name, len))
			return true;
	return false;
}

const char *cmdline_init_env(const char *line, const char *const known[], const char **envp,
			     int max, char *buf, size_t len)
{
	char *p = buf;

	strncpy(buf, line, len - 1);
	buf[len - 1] = '\0';
	while (*p) {
		char *word, *eq;
		size_t keylen;
		int i;

		while (*p == ' ')
			*p++ = '\0';
		word = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
		if (!strcmp(word, "--"))
			break;			/* the rest is init's arguments */
		eq = strchr(word, '=');
		keylen = eq ? (size_t)(eq - word) : 0;
		if (!keylen || memchr(word, '.', keylen) || known_param(known, word, keylen))
			continue;
		for (i = 0; envp[i]; i++)
			if (!strncmp(envp[i], word, keylen + 1))
				break;
		if (!envp[i] && i == max)
			return word;
		if (!envp[i])
			envp[i + 1] = NULL;
		envp[i] = word;
	}
	return NULL;
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
