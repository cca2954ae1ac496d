/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 (Debian 12) lacks.
 *
 * Rust's standard library asks ProcessPrng (bcryptprimitives.dll, Windows 10 and later) for
 * random bytes. Real Windows has it; Wine before 9 does not, so every Rust test binary fails to
 * start there. This forwards to RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * scripts/windows-check builds it and puts it on WINEPATH; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
