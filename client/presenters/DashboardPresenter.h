#pragma once
// The dashboard (first page): the desk's unit, its models as lead and coordinating unit with a
// progress bar each, its overdue and due-soon tasks (the unit's own and those of the units below
// it), as of today from the injectable clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/presenters/TaskLabels.h"
#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/work/ProgressService.h"

namespace da06::ui {

struct DashboardHeader {
    std::string unitName;         // "Huyện Tân Biên"
    std::string date;             // "20/03/2024"
    std::string summary;          // "12 models · 30 open tasks · 2 overdue · 3 due within 7 days"
    std::size_t overdueTotal = 0; // the lists show the most urgent kMaxListed only
    std::size_t dueSoonTotal = 0;
};

struct DashboardModelRow {
    int number = 0;
    std::string title;
    std::string role; // "Lead" / "Coordinating" (translated)
    bool lead = false;
    std::string deadline; // dd/MM/yyyy, "Recurring", "Completed (2021)"
    int percent = 0;      // the bar
    std::string progress; // "2 of 5 tasks done"
    std::string counts;   // "2/5" (done/tasks), "" without tasks
    int tasks = 0;
    int overdue = 0;
    std::string state; // the word next to the bar
    Tone tone = Tone::Neutral;
};

struct DashboardTaskRow {
    std::int64_t id = 0;
    std::string uid;
    int model = 0;
    std::string title;
    std::string unit; // the unit's name (tasks of the units below are listed too)
    std::string due;  // dd/MM/yyyy
    std::string when; // "Overdue by 3 days", "2 days left"
    int percent = 0;
    std::string state;
    Tone tone = Tone::Neutral;
};

class DashboardView {
public:
    virtual ~DashboardView() = default;
    virtual void showHeader(const DashboardHeader& header) = 0;
    virtual void showModels(const std::vector<DashboardModelRow>& rows) = 0;
    virtual void showOverdue(const std::vector<DashboardTaskRow>& rows) = 0;
    virtual void showDueSoon(const std::vector<DashboardTaskRow>& rows) = 0;
    // No unit chosen for this desk yet: the page says what to do instead of showing lists.
    virtual void showNoUnit(const std::string& message) = 0;
    virtual void showStatus(const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

class DashboardPresenter {
public:
    static constexpr std::size_t kMaxListed = 200;

    DashboardPresenter(DashboardView& view, store::Database& db, const Clock& clock, access::Actor actor)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // Reads everything again (F5). The unit is the one set with showUnit(), else the desk's.
    void load();
    // Shows another unit (chosen in the search); empty: back to the desk's unit.
    void showUnit(const std::string& unitId);

    const std::string& unitId() const { return m_unitId; }
    const std::string& unitName() const { return m_unitName; }
    const std::vector<DashboardModelRow>& models() const { return m_models; }
    const std::vector<DashboardTaskRow>& overdue() const { return m_overdue; }
    const std::vector<DashboardTaskRow>& dueSoon() const { return m_dueSoon; }

    static DashboardTaskRow taskRow(const work::TaskState& s);
    static std::string modelDeadlineLabel(const plan::Deadline& d);

private:
    DashboardView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    std::string m_chosenUnit;
    std::string m_unitId;
    std::string m_unitName;
    std::vector<DashboardModelRow> m_models;
    std::vector<DashboardTaskRow> m_overdue;
    std::vector<DashboardTaskRow> m_dueSoon;
};

} // namespace da06::ui
