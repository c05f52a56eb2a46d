# bpfvm build. Plain GNU make; every source file is found by wildcard so that
# adding a file to a subsystem directory is all it takes to build it.
#
#   make            library (static + shared), pkg-config file, CLI
#   make check      install deps; build normal, ASan/UBSan and switch-dispatch
#                   variants; run every test in each; fuzz briefly
#   make demo       install deps, build, run the bundled example end to end
#   make bench      benchmarks against peers -> bench/out/results.jsonl
#   make fuzz       libFuzzer targets (clang)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
BINDIR  ?= $(PREFIX)/bin
CC      ?= cc
SAN     ?= 0

ifeq ($(SAN),1)
BUILD   ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT     ?= -O1
else
BUILD   ?= build
SANFLAGS =
OPT     ?= -O2
endif

CFLAGS_COMMON = -std=c11 -g $(OPT) -Wall -Wextra -Werror -D_GNU_SOURCE \
	-Iinclude -Isrc $(SANFLAGS)
CFLAGS  += $(CFLAGS_COMMON) -fPIC $(EXTRA_CFLAGS)
LDFLAGS += $(SANFLAGS)
LDLIBS  += -lm -lpthread -lpcap

LIB_SRCS  := $(sort $(wildcard src/*/*.c src/*/*/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
TOOL_SRCS := $(sort $(wildcard tools/bpfvm/*.c))
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
ORACLE_SRCS := $(sort $(wildcard tests/oracle/test_*.c))
ORACLE_BINS := $(ORACLE_SRCS:tests/oracle/%.c=$(BUILD)/tests/%)

SONAME  = libbpfvm.so.0
STATIC  = $(BUILD)/libbpfvm.a
SHARED  = $(BUILD)/$(SONAME)
TOOL    = $(BUILD)/bpfvm
PCFILE  = $(BUILD)/bpfvm.pc

.PHONY: all lib tool tests check demo bench fuzz install deps clean
all: lib tool
lib: $(STATIC) $(SHARED) $(PCFILE)
tool: $(TOOL)
tests: $(UNIT_BINS) $(ORACLE_BINS) $(TOOL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(SHARED): $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LDLIBS)
	ln -sf $(SONAME) $(BUILD)/libbpfvm.so

$(PCFILE): bpfvm.pc.in
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|0.1.0|' $< > $@

$(TOOL): $(TOOL_OBJS) $(STATIC)
	$(CC) $(LDFLAGS) -o $@ $(TOOL_OBJS) $(STATIC) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(STATIC) tests/test.h $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(STATIC) $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/oracle/%.c $(STATIC) tests/test.h $(wildcard tests/oracle/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(STATIC) $(LDFLAGS) $(LDLIBS)

deps:
	@sh scripts/install-deps.sh

# The one test command (README, .ci/run): deps, both builds, every test.
check: deps
	$(MAKE) --no-print-directory -j2 all tests
	$(MAKE) --no-print-directory -j2 SAN=1 all tests
	$(MAKE) --no-print-directory -j2 BUILD=build-switch \
		EXTRA_CFLAGS=-DBPFVM_NO_COMPUTED_GOTO all tests
	$(MAKE) --no-print-directory -j2 fuzz
	@FUZZ_BUILD=build-fuzz sh tests/run-all.sh $(BUILD) build-san build-switch

demo: deps all
	@sh examples/demo.sh $(BUILD)

bench: deps all
	@$(MAKE) --no-print-directory -C bench BPFVM_BUILD=$(abspath $(BUILD))

# libFuzzer targets: the library is compiled once with the fuzzing
# sanitizers (fuzzer-no-link) and each target linked against it.
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build-fuzz/%)
FUZZ_OBJS := $(LIB_SRCS:%.c=build-fuzz/obj/%.o)
FUZZ_CFLAGS = -std=c11 -g -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -Iinclude -Isrc \
	-fsanitize=address,undefined -DBPFVM_FUZZING
fuzz: $(FUZZ_BINS)
build-fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
build-fuzz/%: tests/fuzz/%.c $(FUZZ_OBJS)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) -lm -lpthread

install: all
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR)/bpfvm $(DESTDIR)$(BINDIR)
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libbpfvm.so
	install -m 644 include/bpfvm/*.h $(DESTDIR)$(INCDIR)/bpfvm/
	install -m 644 $(PCFILE) $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/

clean:
	rm -rf build build-san build-switch build-fuzz bench/out

-include $(LIB_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(wildcard build-fuzz/obj/src/*/*.d)
