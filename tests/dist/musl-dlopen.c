// Loads a native addon with musl's dynamic loader (built by musl-gcc), as
// Node on Alpine would: every symbol must resolve (RTLD_NOW) and the addon must
// export napi_register_module_v1. Used by scripts/dist/check-musl.sh.
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) { printf("dlopen failed: %s\n", dlerror()); return 1; }
  void *sym = dlsym(h, "napi_register_module_v1");
  printf("dlopen ok under musl; napi_register_module_v1 %s\n", sym ? "found" : "missing");
  return sym ? 0 : 1;
}
