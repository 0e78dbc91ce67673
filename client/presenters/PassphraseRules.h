#pragma once
// How strong a new passphrase is, with a hint the user can act on. No wx.
#include <string>
#include <string_view>

namespace da06::ui {

inline constexpr std::size_t kMinPassphraseLength = 10;

struct PassphraseStrength {
    int score = 0; // 0 (unusable) … 4 (strong)
    bool acceptable = false;
    std::string label; // "Yếu" / "Weak" …
    std::string hint;  // what would make it better
};

PassphraseStrength evaluatePassphrase(std::string_view passphrase);

} // namespace da06::ui
