#pragma once
// One search box over models, units and tasks, matching with and without Vietnamese diacritics
// ("tan bien" finds "Tân Biên", "do" finds "đô"). Results come grouped by kind, best first.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"

namespace da06::ui {

struct WorkSearchResult {
    enum class Kind { Model, Unit, Task };
    Kind kind = Kind::Model;
    std::string kindLabel; // "Model", "Unit", "Task" (translated)
    std::string key;       // model number, unit id, or task number
    std::string label;     // what is shown
    std::string detail;    // a second line: lead unit, unit kind, model and due date
};

class WorkSearchView {
public:
    virtual ~WorkSearchView() = default;
    virtual void showResults(const std::vector<WorkSearchResult>& results, const std::string& status) = 0;
    virtual void showError(const std::string& text) = 0;
};

class WorkSearchPresenter {
public:
    WorkSearchPresenter(WorkSearchView& view, store::Database& db, const Clock& clock, access::Actor actor)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // Fewer than 2 characters: no results. At most `perKind` results of each kind.
    void search(const std::string& query, std::size_t perKind = 20);
    const std::vector<WorkSearchResult>& results() const { return m_results; }

private:
    WorkSearchView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    std::vector<WorkSearchResult> m_results;
};

} // namespace da06::ui
