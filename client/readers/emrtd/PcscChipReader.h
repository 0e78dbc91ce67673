#pragma once
// The PC/SC card opener for ChipReader.h: the card on the reader named ("" = the first reader
// holding a card), through pcsc::openCard. Header-only, so da06::emrtd stays free of PC/SC; the
// programs that include it (the CLI, the desk) link da06::pcsc.
#include <memory>
#include <string>

#include "client/readers/emrtd/ChipReader.h"
#include "client/readers/pcsc/PcscCardChannel.h"

namespace da06::emrtd {

inline CardOpener pcscCardOpener(std::string reader = {})
{
    return [reader = std::move(reader)]() -> Result<std::unique_ptr<readers::CardChannel>> {
        auto channel = pcsc::openCard(reader);
        if (!channel) {
            return std::unexpected(channel.error());
        }
        return std::unique_ptr<readers::CardChannel>(std::move(*channel));
    };
}

} // namespace da06::emrtd
