#pragma once
// Writing a file so that a crash or a power cut leaves either the old content or the new one,
// never a mix: write a temporary file beside it, flush it to the disk, then rename it over the
// target (and flush the folder on POSIX). The file is readable by its owner only (0600 on POSIX;
// on Windows it inherits the ACL of the user's profile folder). Both implementations are here;
// the portable slice runs the Windows one under wine.
#include <filesystem>
#include <string_view>

#include "domain/core/Error.h"

namespace da06 {

// ErrorCode::Io with the path and the reason (disk full, no permission) on failure; the
// temporary file is removed and the target is left as it was.
Status writeFileDurably(const std::filesystem::path& path, std::string_view bytes);

// Owner-only permissions on an existing file (0600; no-op on Windows, see above).
void restrictToOwner(const std::filesystem::path& path);

} // namespace da06
