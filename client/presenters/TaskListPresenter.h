#pragma once
// The tasks of a unit (and of the units below it), optionally of one model, with a search that
// matches with and without diacritics; the frequent actions: new task, edit, mark done.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "client/presenters/TaskLabels.h"
#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/work/ProgressService.h"

namespace da06::ui {

struct TaskRow {
    std::int64_t id = 0;
    std::string uid;
    int model = 0;
    std::string title;
    std::string unit;
    std::string responsible;
    std::string due;
    std::string status;
    int percent = 0;
    std::string state; // deadline state (translated)
    Tone tone = Tone::Neutral;
    bool done = false; // done or cancelled: "mark done" does not apply
};

struct ModelChoice {
    int number = 0;    // 0: all models
    std::string label; // "5. Triển khai cung cấp DVC trực tuyến trên VNeID"
};

class TaskListView {
public:
    virtual ~TaskListView() = default;
    virtual void showModelChoices(const std::vector<ModelChoice>& choices, int selected) = 0;
    virtual void showTasks(const std::vector<TaskRow>& rows) = 0;
    virtual void showStatus(const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

class TaskListPresenter {
public:
    TaskListPresenter(TaskListView& view, store::Database& db, const Clock& clock, access::Actor actor)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // The unit whose tasks are listed (empty: the desk's unit; none set: every task).
    void setUnit(const std::string& unitId);
    void setModel(int number); // 0: all models of the unit
    void setQuery(const std::string& query);
    void load(); // F5

    // Marks the task done (Permission::EditProgress). False with the error shown otherwise.
    bool markDone(std::int64_t id);
    // Keeps the file inside the store as evidence of the task (at most 10 MB).
    bool attach(std::int64_t id, const std::filesystem::path& file);
    bool canEdit() const; // the role may change tasks
    // The unit a new task goes to by default, and the models that can take it.
    const std::string& unitId() const { return m_unitId; }
    int model() const { return m_model; }
    const std::vector<TaskRow>& rows() const { return m_rows; }
    const std::vector<ModelChoice>& modelChoices() const { return m_choices; }

private:
    void rebuild();

    TaskListView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    std::string m_chosenUnit;
    std::string m_unitId;
    int m_model = 0;
    std::string m_query;
    std::vector<work::TaskState> m_tasks;
    std::vector<TaskRow> m_rows;
    std::vector<ModelChoice> m_choices;
};

} // namespace da06::ui
