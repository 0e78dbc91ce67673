// da06_wedge: types text into the focused X window the way a keyboard-wedge scanner does, one key
// press and release per character at scanner speed, for the GUI tests under Xvfb.
//
// Why not `xdotool type`: for every character missing from the keymap (every Vietnamese letter
// with a diacritic) xdotool binds the character to a scratch keycode, sends the key, and unbinds
// it again at once. The application only learns the new binding when it processes the
// MappingNotify and fetches the keymap; by then xdotool may already have unbound the keycode or
// bound it to the next character, so the letter is lost or replaced (seen on a bare Debian root
// and on a loaded machine: "Đặng" arrived as "Đng"). Here the keymap never changes while keys are
// in flight: `--prepare` binds every Vietnamese letter (lower case on the plain level, upper case
// on the shifted level) to keycodes that carry nothing or only vendor multimedia keysyms, once,
// right after Xvfb starts and before the desk does; typing then only looks keys up. A character
// outside that set is bound once, on first use, and left bound, after which the tool waits for
// clients to take the new keymap before sending it.
//
//   da06_wedge --prepare
//   da06_wedge [--delay MS] [--enter] TEXT      (TEXT in UTF-8; default delay 8 ms, a scanner's)
//   da06_wedge --key NAME                       (one named key, e.g. Return)
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

// Every Vietnamese letter with a diacritic, lower case; upper case is derived by the table below.
constexpr std::string_view kLower = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
constexpr std::string_view kUpper = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";

std::vector<char32_t> decodeUtf8(std::string_view s)
{
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            std::fprintf(stderr, "da06_wedge: the text is not UTF-8\n");
            std::exit(2);
        }
        char32_t cp = len == 1 ? b : b & (0x7F >> len);
        for (int k = 1; k < len; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

KeySym keysymOf(char32_t cp)
{
    if (cp == '\n' || cp == '\r') {
        return XK_Return;
    }
    if (cp == '\t') {
        return XK_Tab;
    }
    if ((cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xFF)) {
        return cp; // Latin-1 keysyms are the code points
    }
    return 0x01000000 | cp; // the Unicode keysyms
}

void pause(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

class Keyboard {
public:
    explicit Keyboard(Display* d) : m_display(d)
    {
        XDisplayKeycodes(d, &m_min, &m_max);
        reload();
    }
    ~Keyboard()
    {
        if (m_map) {
            XFree(m_map);
        }
    }

    // Binds lower/upper pairs that are not in the keymap yet; returns how many keycodes changed.
    int bindPairs(const std::vector<std::pair<KeySym, KeySym>>& pairs)
    {
        int changed = 0;
        for (const auto& [lower, upper] : pairs) {
            if (find(lower).keycode != 0 && find(upper).keycode != 0) {
                continue;
            }
            const int kc = freeKeycode();
            if (kc == 0) {
                std::fprintf(stderr, "da06_wedge: no free keycode left for keysym 0x%lx\n", lower);
                std::exit(3);
            }
            KeySym syms[2] = {lower, upper};
            XChangeKeyboardMapping(m_display, kc, 2, syms, 1);
            ++changed;
            XSync(m_display, False);
            reload();
        }
        return changed;
    }

    struct Key {
        KeyCode keycode = 0;
        bool shift = false;
    };
    Key find(KeySym ks) const
    {
        for (int kc = m_min; kc <= m_max; ++kc) {
            const KeySym* row = m_map + (kc - m_min) * m_perCode;
            for (int level = 0; level < 2 && level < m_perCode; ++level) {
                if (row[level] == ks) {
                    return {static_cast<KeyCode>(kc), level == 1};
                }
            }
        }
        return {};
    }

private:
    void reload()
    {
        if (m_map) {
            XFree(m_map);
        }
        m_map = XGetKeyboardMapping(m_display, static_cast<KeyCode>(m_min), m_max - m_min + 1, &m_perCode);
    }

    // A keycode with no keysym, else one that carries only vendor (XF86) keysyms: multimedia
    // keys no test presses. Taken from the top so the ordinary keys stay untouched.
    int freeKeycode() const
    {
        for (int pass = 0; pass < 2; ++pass) {
            for (int kc = m_max; kc >= m_min; --kc) {
                const KeySym* row = m_map + (kc - m_min) * m_perCode;
                bool usable = true;
                for (int j = 0; j < m_perCode; ++j) {
                    const KeySym s = row[j];
                    const bool vendor = s >= 0x1008FF00 && s <= 0x1008FFFF;
                    if (s != NoSymbol && !(pass == 1 && vendor)) {
                        usable = false;
                    }
                }
                if (usable) {
                    return kc;
                }
            }
        }
        return 0;
    }

    Display* m_display;
    int m_min = 8;
    int m_max = 255;
    int m_perCode = 0;
    KeySym* m_map = nullptr;
};

std::vector<std::pair<KeySym, KeySym>> vietnamesePairs()
{
    const auto lower = decodeUtf8(kLower);
    const auto upper = decodeUtf8(kUpper);
    std::vector<std::pair<KeySym, KeySym>> pairs;
    for (std::size_t i = 0; i < lower.size() && i < upper.size(); ++i) {
        pairs.emplace_back(keysymOf(lower[i]), keysymOf(upper[i]));
    }
    return pairs;
}

void press(Display* d, const Keyboard::Key& key, KeyCode shift, int holdMs)
{
    if (key.shift) {
        XTestFakeKeyEvent(d, shift, True, CurrentTime);
    }
    XTestFakeKeyEvent(d, key.keycode, True, CurrentTime);
    XFlush(d);
    pause(holdMs);
    XTestFakeKeyEvent(d, key.keycode, False, CurrentTime);
    if (key.shift) {
        XTestFakeKeyEvent(d, shift, False, CurrentTime);
    }
    XFlush(d);
}

int usage()
{
    std::fprintf(stderr, "usage: da06_wedge --prepare | [--delay MS] [--enter] TEXT | --key NAME\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    int delayMs = 8;
    bool enter = false;
    bool prepare = false;
    const char* keyName = nullptr;
    const char* text = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--delay" && i + 1 < argc) {
            delayMs = std::atoi(argv[++i]);
        } else if (a == "--enter") {
            enter = true;
        } else if (a == "--prepare") {
            prepare = true;
        } else if (a == "--key" && i + 1 < argc) {
            keyName = argv[++i];
        } else if (a == "--" && i + 1 < argc) {
            text = argv[++i];
        } else if (!text && !a.starts_with("--")) {
            text = argv[i];
        } else {
            return usage();
        }
    }
    if (!prepare && !keyName && !text) {
        return usage();
    }
    Display* d = XOpenDisplay(nullptr);
    if (!d) {
        std::fprintf(stderr, "da06_wedge: cannot open the X display\n");
        return 3;
    }
    int eventBase = 0, errorBase = 0, major = 0, minor = 0;
    if (!XTestQueryExtension(d, &eventBase, &errorBase, &major, &minor)) {
        std::fprintf(stderr, "da06_wedge: the X server has no XTEST extension\n");
        return 3;
    }
    Keyboard keyboard(d);
    if (prepare) {
        keyboard.bindPairs(vietnamesePairs());
        XCloseDisplay(d);
        return 0;
    }
    const KeyCode shift = XKeysymToKeycode(d, XK_Shift_L);
    if (keyName) {
        const KeySym ks = XStringToKeysym(keyName);
        const auto key = keyboard.find(ks);
        if (ks == NoSymbol || key.keycode == 0) {
            std::fprintf(stderr, "da06_wedge: no key \"%s\"\n", keyName);
            return 2;
        }
        press(d, key, shift, 2);
        XSync(d, False);
        XCloseDisplay(d);
        return 0;
    }

    // Characters outside the prepared set are bound once, before the first key goes out, and the
    // clients are given time to fetch the new keymap.
    const auto chars = decodeUtf8(text);
    std::vector<std::pair<KeySym, KeySym>> missing;
    for (const char32_t c : chars) {
        const KeySym ks = keysymOf(c);
        if (keyboard.find(ks).keycode == 0) {
            missing.emplace_back(ks, ks);
        }
    }
    if (keyboard.bindPairs(missing) > 0) {
        pause(300);
    }
    for (const char32_t c : chars) {
        const auto key = keyboard.find(keysymOf(c));
        press(d, key, shift, 1);
        pause(delayMs);
    }
    if (enter) {
        press(d, keyboard.find(XK_Return), shift, 1);
    }
    XSync(d, False);
    XCloseDisplay(d);
    return 0;
}
