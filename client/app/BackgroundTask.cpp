#include "client/app/BackgroundTask.h"

#include <wx/app.h>

namespace da06::app {

void postToUi(std::function<void()> fn)
{
    // Queued on the application, which outlives every window; the receivers check their own
    // lifetime when the call runs (UiDelivery).
    if (wxTheApp) {
        wxTheApp->CallAfter(std::move(fn));
    }
}

void UiDelivery::post(std::function<void()> fn) const
{
    if (!m_alive) {
        return;
    }
    // The flag is read again on the UI thread: the owner may go between now and then.
    postToUi([alive = m_alive, fn = std::move(fn)] {
        if (alive->load()) {
            fn();
        }
    });
}

void BackgroundTask::cancel()
{
    if (m_run) {
        m_run->cancel.store(true);
    }
}

void BackgroundTask::stop()
{
    if (m_run) {
        m_run->cancel.store(true);
        m_run->live.store(false);
    }
    join();
    m_busy = false;
}

void BackgroundTask::join()
{
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

} // namespace da06::app
