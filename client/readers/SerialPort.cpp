#include "client/readers/SerialPort.h"

#include <algorithm>
#include <array>

namespace da06::readers {

bool isSupportedBaud(int baud)
{
    static constexpr std::array<int, 11> kRates{1200,  2400,   4800,   9600,   19200, 38400,
                                                57600, 115200, 230400, 460800, 921600};
    return std::find(kRates.begin(), kRates.end(), baud) != kRates.end();
}

} // namespace da06::readers
