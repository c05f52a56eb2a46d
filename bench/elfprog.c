/* SPDX-License-Identifier: MIT */
/*
 * elfprog.c - pull one program's instructions out of a clang BPF object with
 * libelf: find the section by name, refuse it if a relocation section
 * applies to it (the runner cannot resolve maps or calls), copy its bytes.
 */
#include "elfprog.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int elfprog_read(const char *path, const char *sec, struct bpf_insn **insns,
		 size_t *cnt, char *err, size_t errlen)
{
	Elf *elf = NULL;
	Elf_Scn *scn = NULL, *found = NULL;
	size_t shstrndx, idx = 0;
	int fd, ret = -ENOENT;

	*insns = NULL;
	*cnt = 0;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
		return -EINVAL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx)) {
		snprintf(err, errlen, "%s: not an ELF object (%s)", path, elf_errmsg(-1));
		ret = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, sec) && sh.sh_type == SHT_PROGBITS) {
			found = scn;
			idx = elf_ndxscn(scn);
		}
	}
	if (!found) {
		snprintf(err, errlen, "%s: no section '%s'", path, sec);
		goto out;
	}
	scn = NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && (sh.sh_type == SHT_REL || sh.sh_type == SHT_RELA) &&
		    sh.sh_info == idx) {
			snprintf(err, errlen, "%s: section '%s' has relocations "
				 "(maps, globals or calls are not supported here)", path, sec);
			ret = -ENOTSUP;
			goto out;
		}
	}
	{
		Elf_Data *d = elf_getdata(found, NULL);

		if (!d || !d->d_buf || d->d_size == 0 || d->d_size % sizeof(struct bpf_insn)) {
			snprintf(err, errlen, "%s: section '%s' is empty or not whole instructions",
				 path, sec);
			ret = -EINVAL;
			goto out;
		}
		*insns = malloc(d->d_size);
		if (!*insns) {
			ret = -ENOMEM;
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		memcpy(*insns, d->d_buf, d->d_size);
		*cnt = d->d_size / sizeof(struct bpf_insn);
		ret = 0;
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return ret;
}
