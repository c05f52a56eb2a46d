/* SPDX-License-Identifier: MIT */
/*
 * vm.c - bpfvm instances and their helper tables.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"

struct bpfvm *bpfvm_new(void)
{
	struct bpfvm *vm = calloc(1, sizeof(*vm));

	if (!vm)
		return NULL;
	pthread_mutex_init(&vm->lock, NULL);
	return vm;
}

void bpfvm_free(struct bpfvm *vm)
{
	if (!vm)
		return;
	while (vm->progs)
		bpfvm_prog_free(vm->progs); /* unlinks itself */
	for (unsigned i = 0; i < BPFVM_MAX_HELPERS; i++)
		free(vm->helpers[i].name);
	pthread_mutex_destroy(&vm->lock);
	free(vm);
}

int bpfvm_helper_register(struct bpfvm *vm, uint32_t id, const char *name,
			  bpfvm_helper_fn fn)
{
	char *copy;

	if (!vm || !fn || id >= BPFVM_MAX_HELPERS)
		return -EINVAL;
	copy = strdup(name ? name : "");
	if (!copy)
		return -ENOMEM;
	pthread_mutex_lock(&vm->lock);
	free(vm->helpers[id].name);
	vm->helpers[id].name = copy;
	__atomic_store_n(&vm->helpers[id].fn, fn, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&vm->lock);
	return 0;
}

const char *bpfvm_helper_name(const struct bpfvm *vm, uint32_t id)
{
	if (!vm || id >= BPFVM_MAX_HELPERS || !vm->helpers[id].fn)
		return NULL;
	return vm->helpers[id].name;
}
