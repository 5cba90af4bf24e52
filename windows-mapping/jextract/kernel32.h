// SPDX-License-Identifier: Apache-2.0
// The headers jextract reads for windows-mapping's bindings (see ../README.md). Windows only.
#define WIN32_LEAN_AND_MEAN
#define PSAPI_VERSION 2 // QueryWorkingSetEx is kernel32's K32QueryWorkingSetEx
#include <windows.h>
#include <psapi.h>
