#include "client/presenters/Translate.h"

#include <atomic>

namespace da06::ui {

namespace {
std::atomic<TranslateFn> g_translator{nullptr};
}

void setTranslator(TranslateFn fn)
{
    g_translator = fn;
}

std::string tr(const char* msgid)
{
    const TranslateFn fn = g_translator;
    return fn ? fn(msgid) : std::string(msgid);
}

std::string format1(const std::string& pattern, const std::string& value)
{
    const auto pos = pattern.find("%s");
    if (pos == std::string::npos) {
        return pattern;
    }
    return pattern.substr(0, pos) + value + pattern.substr(pos + 2);
}

} // namespace da06::ui
