/* SPDX-License-Identifier: MIT */
/*
 * vm.h - the bpfvm instance: what it owns and what other subsystems may
 * read of it. Only src/ includes this; users see include/bpfvm/bpfvm.h.
 */
#ifndef BPFVM_CORE_VM_H
#define BPFVM_CORE_VM_H

#include <pthread.h>

#include "bpfvm/bpfvm.h"

struct bpfvm_helper {
	bpfvm_helper_fn fn;
	char *name;
};

struct bpfvm {
	/* Helpers by id. Written under `lock`; programs copy what they use at
	 * load time, so running programs never read this table... except
	 * callx, which looks up its target at run time (under no lock: entries
	 * are replaced by a single pointer store). */
	struct bpfvm_helper helpers[BPFVM_MAX_HELPERS];
	pthread_mutex_t lock;
	/* Programs loaded in this instance (freed with it), under `lock`. */
	struct bpfvm_prog *progs;
};

#endif
