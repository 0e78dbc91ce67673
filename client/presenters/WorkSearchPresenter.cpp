#include "client/presenters/WorkSearchPresenter.h"

#include "client/presenters/TaskLabels.h"
#include "client/presenters/Translate.h"
#include "domain/plan/PlanRepository.h"
#include "domain/text/Text.h"
#include "domain/work/TaskService.h"
#include "domain/work/UnitService.h"

namespace da06::ui {

void WorkSearchPresenter::search(const std::string& query, std::size_t perKind)
{
    m_results.clear();
    const std::string folded = text::fold(query);
    if (folded.size() < 2) {
        m_view.showResults(m_results, "");
        return;
    }
    plan::PlanRepository repo(m_db, m_clock);
    auto models = repo.models(plan::ModelFilter{std::nullopt, query});
    if (!models) {
        m_view.showError(workErrorMessage(models.error()));
        return;
    }
    std::size_t n = 0;
    for (const auto& m : *models) {
        if (n++ == perKind) {
            break;
        }
        std::string lead;
        for (const auto& u : m.leadUnitNames) {
            lead += (lead.empty() ? "" : "; ") + u;
        }
        m_results.push_back(WorkSearchResult{WorkSearchResult::Kind::Model, tr("Model"), std::to_string(m.model.number),
                                             std::to_string(m.model.number) + ". " + m.model.title, lead});
    }
    work::UnitService units(m_db, m_clock, m_actor);
    work::UnitFilter uf;
    uf.query = query;
    auto unitList = units.list(uf);
    if (!unitList) {
        m_view.showError(workErrorMessage(unitList.error()));
        return;
    }
    n = 0;
    for (const auto& u : *unitList) {
        if (n++ == perKind) {
            break;
        }
        m_results.push_back(
            WorkSearchResult{WorkSearchResult::Kind::Unit, tr("Unit"), u.id, u.name, u.id + " · " + u.kind});
    }
    work::TaskService tasks(m_db, m_clock, m_actor);
    work::TaskFilter tf;
    tf.query = query;
    auto taskList = tasks.list(tf);
    if (!taskList) {
        m_view.showError(workErrorMessage(taskList.error()));
        return;
    }
    n = 0;
    for (const auto& t : *taskList) {
        if (n++ == perKind) {
            break;
        }
        std::string detail = format1(tr("Model %s"), std::to_string(t.modelNumber)) + " · " + t.unitName;
        if (t.due) {
            detail += " · " + t.due->toVietnamese();
        }
        m_results.push_back(WorkSearchResult{WorkSearchResult::Kind::Task, tr("Task"), std::to_string(t.id),
                                             "#" + std::to_string(t.id) + " " + t.title, detail});
    }
    m_view.showResults(m_results, m_results.empty() ? tr("Nothing found.")
                                                    : format1(tr("%s results"), std::to_string(m_results.size())));
}

} // namespace da06::ui
