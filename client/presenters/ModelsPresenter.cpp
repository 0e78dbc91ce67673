#include "client/presenters/ModelsPresenter.h"

#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"
#include "domain/text/Text.h"

namespace da06::ui {

namespace {

std::string joined(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v) {
        s += (s.empty() ? "" : "; ") + x;
    }
    return s;
}

} // namespace

std::string ModelsPresenter::deadlineLabel(const plan::Deadline& d)
{
    switch (d.kind) {
    case plan::DeadlineKind::Month:
    case plan::DeadlineKind::Quarter:
        return d.due ? d.due->toVietnamese() : "";
    case plan::DeadlineKind::Recurring:
        return tr("Recurring");
    case plan::DeadlineKind::Completed:
        return d.year ? format1(tr("Completed (%s)"), std::to_string(*d.year)) : tr("Completed");
    }
    return "";
}

void ModelsPresenter::load()
{
    auto info = m_repo.currentPlan();
    if (!info) {
        m_view.showError(StartupPresenter::messageFor(info.error()));
        return;
    }
    if (!*info) {
        m_models.clear();
        m_planGroups.clear();
        m_planTitle.clear();
        m_total = 0;
        rebuild();
        m_view.showStatus(tr("No plan has been loaded into this store."));
        return;
    }
    m_planTitle = (*info)->id;
    auto groups = m_repo.groups();
    auto models = m_repo.models();
    if (!groups || !models) {
        m_view.showError(StartupPresenter::messageFor(!groups ? groups.error() : models.error()));
        return;
    }
    m_planGroups = std::move(*groups);
    m_models = std::move(*models);
    m_total = static_cast<int>(m_models.size());
    rebuild();
}

void ModelsPresenter::setQuery(const std::string& query)
{
    m_query = text::fold(query);
    rebuild();
}

int ModelsPresenter::shownCount() const
{
    int n = 0;
    for (const auto& g : m_groups) {
        n += static_cast<int>(g.rows.size());
    }
    return n;
}

void ModelsPresenter::rebuild()
{
    m_groups.clear();
    for (const auto& g : m_planGroups) {
        GroupNode node{g.code, g.title, {}};
        for (const auto& sm : m_models) {
            if (sm.model.group != g.code) {
                continue;
            }
            if (!m_query.empty()) {
                const std::string hay = text::fold(std::to_string(sm.model.number) + " " + sm.model.title + " " +
                                                   joined(sm.leadUnitNames) + " " + joined(sm.coordinatingUnitNames) +
                                                   " " + sm.model.target.value_or("") + " " + joined(sm.model.tools));
                if (!text::matchesFolded(hay, m_query)) {
                    continue;
                }
            }
            ModelRow row;
            row.number = sm.model.number;
            row.title = sm.model.title;
            row.deadline = deadlineLabel(sm.model.deadline);
            row.leadUnits = joined(sm.leadUnitNames);
            node.rows.push_back(std::move(row));
        }
        if (!node.rows.empty()) {
            m_groups.push_back(std::move(node));
        }
    }
    m_view.showGroups(m_groups);
    if (m_query.empty()) {
        m_view.showStatus(format1(tr("%s models"), std::to_string(m_total)));
    } else {
        m_view.showStatus(
            format1(format1(tr("%s of %s models match"), std::to_string(shownCount())), std::to_string(m_total)));
    }
    bool selectedVisible = false;
    for (const auto& g : m_groups) {
        for (const auto& r : g.rows) {
            selectedVisible = selectedVisible || r.number == m_selected;
        }
    }
    if (!selectedVisible) {
        m_selected = 0;
        m_view.clearDetail();
    }
}

void ModelsPresenter::select(int number)
{
    const plan::StoredModel* found = nullptr;
    for (const auto& sm : m_models) {
        if (sm.model.number == number) {
            found = &sm;
        }
    }
    if (!found) {
        m_selected = 0;
        m_view.clearDetail();
        return;
    }
    m_selected = number;
    const plan::Model& m = found->model;
    ModelDetail d;
    d.number = m.number;
    d.heading = format1(tr("Model %s"), std::to_string(m.number));
    d.title = m.title;
    d.group = m.group + ". " + found->groupTitle;
    auto add = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            d.fields.push_back({tr(label), value});
        }
    };
    add(N_("Target"), m.target.value_or(""));
    add(N_("Objective"), m.objective.value_or(""));
    add(N_("Lead unit"), joined(found->leadUnitNames));
    add(N_("Coordinating units"), joined(found->coordinatingUnitNames));
    add(N_("Assignment (original wording)"), m.original.assignment.value_or(""));
    add(N_("Implementing forces"), m.forces.value_or(""));
    std::string deadline = deadlineLabel(m.deadline);
    if (m.original.deadline) {
        deadline += " — " + *m.original.deadline;
    }
    add(N_("Deadline"), deadline);
    std::string tools;
    for (const auto& t : m.tools) {
        tools += (tools.empty() ? "" : ", ") + t;
    }
    add(N_("Deployment tools"), tools);
    std::string funding;
    switch (m.funding.kind) {
    case plan::FundingKind::Free:
        funding = tr("Free");
        break;
    case plan::FundingKind::Funded:
        funding = tr("Funded");
        break;
    case plan::FundingKind::SelfEquipped:
        funding = tr("Self-equipped");
        break;
    case plan::FundingKind::Unspecified:
        funding = tr("Not stated");
        break;
    }
    if (m.funding.equipment) {
        funding += ": " + *m.funding.equipment;
    }
    if (m.original.funding) {
        funding += " — " + *m.original.funding;
    }
    add(N_("Funding"), funding);
    m_view.showDetail(d);
}

} // namespace da06::ui
