#pragma once
// Tasks under an assignment (a model carried out by a unit): title, responsible person, dates,
// status, percent done, indicators, notes and evidence files (kept inside the encrypted store).
// Every change checks Permission::EditProgress and the desk's scope (the desk's unit and the
// units below it), and writes its audit entry and change records in the same transaction.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/core/Date.h"
#include "domain/store/Database.h"
#include "domain/work/DeadlineRules.h"
#include "domain/work/WorkTypes.h"

namespace da06::work {

struct Task {
    std::int64_t id = 0; // local number, shown to people ("#42")
    std::string uid;     // global id
    int modelNumber = 0;
    std::string modelTitle;
    std::string unitId;
    std::string unitName;
    std::string title;
    std::string responsible;
    std::optional<Date> start;
    std::optional<Date> due;
    std::optional<std::string> period; // "2024-03" for the monthly task of a recurring model
    TaskStatus status = TaskStatus::NotStarted;
    int percent = 0;
    std::optional<Date> completedOn;
    std::string createdAt;
    std::string updatedAt;

    TaskTiming timing() const { return TaskTiming{status, percent, start, due, completedOn}; }
};

struct Indicator {
    std::string uid;
    std::string name;
    std::string unitOfMeasure;
    std::optional<double> target;
    std::optional<double> actual;
};

struct TaskNote {
    std::string uid;
    std::string at; // ISO 8601 UTC
    std::string user;
    std::string text;
};

struct Evidence {
    std::string uid;
    std::string fileName;
    std::string mediaType;
    std::int64_t size = 0;
    std::string sha256;
    std::string addedAt;
    std::string addedBy;
};

struct TaskDetail {
    Task task;
    std::vector<Indicator> indicators;
    std::vector<TaskNote> notes;
    std::vector<Evidence> evidence;
};

struct NewTask {
    int modelNumber = 0;
    std::string unit; // id, or a name only one unit has
    std::string title;
    std::string responsible;
    std::optional<Date> due;   // default: from the model's deadline (see defaultDueDate)
    std::optional<Date> start; // default: today (the due date when that is earlier)
};

struct IndicatorChange {
    std::string name;
    IndicatorValue value; // the parts given are set; the others stay
};

struct TaskChange {
    std::optional<std::string> title;
    std::optional<std::string> responsible;
    std::optional<TaskStatus> status;       // done sets 100 % and the completion day
    std::optional<int> percent;             // 0..100; 100 on an open task marks it done; > 0 starts it
    std::optional<std::optional<Date>> due; // a date, or nullopt inside to clear it
    std::optional<Date> start;
    std::vector<IndicatorChange> indicators;
    std::optional<std::string> note; // appended to the task's notes

    bool empty() const
    {
        return !title && !responsible && !status && !percent && !due && !start && indicators.empty() && !note;
    }
};

struct TaskFilter {
    std::optional<std::string> unit; // with below: the unit and every unit below it
    bool below = true;
    std::optional<int> model;
    bool openOnly = false;         // not started, in progress, blocked
    std::optional<Date> dueBefore; // due strictly before this day
    std::optional<Date> dueOnOrBefore;
    std::string query; // title, responsible, model, unit; with or without diacritics
};

class TaskService {
public:
    TaskService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // The model must be assigned to the unit (see AssignmentService). Audited as "task.add".
    Result<Task> add(const NewTask& task);
    // ref: the local number ("42" or "#42"), the uid, or a unique uid prefix of 6+ digits.
    // Audited as "task.update"; nothing is written when nothing changes.
    Result<Task> update(const std::string& ref, const TaskChange& change);
    // Evidence: at most kMaxEvidenceBytes. Audited as "task.attach".
    Result<Evidence> attachFile(const std::string& ref, const std::filesystem::path& file);
    Result<Evidence> attach(const std::string& ref, const std::string& fileName,
                            const std::vector<unsigned char>& data);
    Result<std::vector<unsigned char>> evidenceData(const std::string& evidenceUid);

    // Recurring models (deadline "Thực hiện thường xuyên") get one task per month: creates the
    // missing monthly tasks of the unit's recurring assignments from `from` through `through`
    // (months "YYYY-MM"; both default to the current month). Returns the tasks created.
    Result<std::vector<Task>> addMonthlyTasks(const std::string& unitRef, const std::optional<std::string>& from,
                                              const std::optional<std::string>& through);

    Result<TaskDetail> get(const std::string& ref);           // ReadPlan
    Result<std::vector<Task>> list(const TaskFilter& filter); // ReadPlan; by due date, then number

    // The local row id of a reference (NotFound / Usage when ambiguous).
    Result<std::int64_t> resolve(const std::string& ref);

private:
    Result<Task> load(std::int64_t id);
    Status requireEditable(const Task& t, const char* what);

    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::work
