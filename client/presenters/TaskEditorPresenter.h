#pragma once
// The task editor dialog: a new task under one of the unit's models (due date proposed from the
// model's deadline), or an existing task: title, responsible person, dates (dd/mm/yyyy), status,
// percent done, indicators (name, actual, target, unit of measure), a new note, evidence files.
// Every field is checked here first, with a message next to the field; nothing is written until
// the whole form is right.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "client/presenters/TaskLabels.h"
#include "client/presenters/TaskListPresenter.h"
#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/work/TaskService.h"

namespace da06::ui {

struct IndicatorInput {
    std::string name;
    std::string actual; // as typed: "25", "12,5", or empty
    std::string target;
    std::string unitOfMeasure;
};

struct TaskForm {
    int model = 0; // new tasks only
    std::string title;
    std::string responsible;
    std::string start; // dd/mm/yyyy or empty
    std::string due;   // dd/mm/yyyy or empty (no due date)
    work::TaskStatus status = work::TaskStatus::NotStarted;
    int percent = 0;
    std::vector<IndicatorInput> indicators;
    std::string note; // added to the notes when saved
};

struct EvidenceRow {
    std::string uid;
    std::string label; // "bien-ban.pdf (195 KB, 20/03/2024)"
};

struct TaskEditorInfo {
    bool isNew = true;
    std::string heading;               // "New task" / "Task #12"
    std::string unit;                  // the unit's name
    std::string model;                 // "5. Triển khai …" (existing tasks)
    std::vector<ModelChoice> models;   // new tasks: the unit's models
    int selectedModel = 0;             // index into models
    std::vector<std::string> statuses; // labels in TaskStatus order
    std::string state;                 // deadline state of an existing task
    Tone tone = Tone::Neutral;
    std::vector<std::string> notes; // "20/03/2024 lan: …", oldest first
    std::vector<EvidenceRow> evidence;
    bool canEdit = true;
};

enum class TaskField { Model, Title, Responsible, Start, Due, Percent, Indicators, Note, Evidence };

class TaskEditorView {
public:
    virtual ~TaskEditorView() = default;
    virtual void showTask(const TaskEditorInfo& info, const TaskForm& form) = 0;
    virtual void showFieldError(TaskField field, const std::string& message) = 0;
    virtual void showError(const std::string& text) = 0;
};

class TaskEditorPresenter {
public:
    TaskEditorPresenter(TaskEditorView& view, store::Database& db, const Clock& clock, access::Actor actor)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // A new task of the unit; model 0: the first of its models. False (error shown) when the
    // unit has no models or cannot be read.
    bool startNew(const std::string& unitId, int model);
    bool startEdit(std::int64_t id);
    // New task: another model proposes its due date.
    void chooseModel(int number);

    // Checks the form and saves it; true when saved (the dialog may close).
    bool save(const TaskForm& form);
    // Existing tasks: stores the file inside the store (at most 10 MB) and shows it in the list.
    bool attach(const std::filesystem::path& file);

    std::optional<std::int64_t> taskId() const { return m_id; }
    const TaskForm& form() const { return m_form; }
    const TaskEditorInfo& info() const { return m_info; }

private:
    void fillExisting(const work::TaskDetail& d);

    TaskEditorView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    std::string m_unitId;
    std::optional<std::int64_t> m_id;
    TaskEditorInfo m_info;
    TaskForm m_form; // as loaded (what save() compares with)
};

} // namespace da06::ui
