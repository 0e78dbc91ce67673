#pragma once
// Signs that a QR code was typed in by a scanner in keyboard-wedge (USB HID keyboard) mode rather
// than sent over a serial port: such a scanner types each character as a key press, so every
// character outside the keyboard layout (all Vietnamese letters with diacritics) is dropped,
// replaced by '?', or stripped to its base letter; with another keyboard layout even '|' comes out
// as another character. The clerk is then told to switch the scanner to USB-COM mode.
#include <optional>
#include <string>
#include <string_view>

namespace da06::identity {

struct CccdIdentity;

// The text that shows the loss (the full name, else the address), when the name, sex and address
// together carry enough letters for Vietnamese text and yet have no character outside ASCII, or
// carry '?' where a letter should be. nullopt when the diacritics look intact or there is too
// little text to tell.
std::optional<std::string> lostDiacriticsSample(const CccdIdentity& identity);

// The first word of the full name or the address that cannot be a Vietnamese syllable the way a
// keyboard-wedge scanner breaks them, when letters with diacritics do come through: a word with no
// vowel at all ("Đng" from "Đặng", "Trng" from "Trường"), a vowel group that Vietnamese always
// writes with a mark ("ie", "ye", "uo", "ưo": "Nguyen" from "Nguyễn", "Truong"), or "uy" before n,
// ng or m ("huyn" from "huyện"). Words with digits, abbreviations in capitals ("KP", "TP") and
// words that are not one syllable in Vietnamese spelling (minority and foreign names: "Ksor",
// "Mohamad") are left alone. A lost mark that leaves another real word ("Đặng" → "Đăng") cannot be
// told from the text. nullopt when every word passes.
std::optional<std::string> brokenSyllable(const CccdIdentity& identity);

// True for a payload that starts with a 12-digit number, has no '|' and goes on with more text:
// the separators were lost to a keyboard layout.
bool looksLikeSeparatorLoss(std::string_view payload);

} // namespace da06::identity
