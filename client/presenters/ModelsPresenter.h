#pragma once
// The models page: the plan's models grouped A–E (number, title, deadline, lead unit), a search
// that matches with and without diacritics, and the full detail of the selected model.
#include <string>
#include <vector>

#include "domain/plan/PlanRepository.h"

namespace da06::ui {

struct ModelRow {
    int number = 0;
    std::string title;
    std::string deadline; // dd/MM/yyyy, or "Thường xuyên", "Đã xong (2021)"
    std::string leadUnits;
};

struct GroupNode {
    std::string code;
    std::string title;
    std::vector<ModelRow> rows;
};

struct DetailField {
    std::string label;
    std::string value;
};

struct ModelDetail {
    int number = 0;
    std::string heading; // "Mô hình 15"
    std::string title;
    std::string group; // "B. Nhóm tiện ích …"
    std::vector<DetailField> fields;
};

class ModelsView {
public:
    virtual ~ModelsView() = default;
    virtual void showGroups(const std::vector<GroupNode>& groups) = 0;
    virtual void showDetail(const ModelDetail& detail) = 0;
    virtual void clearDetail() = 0;
    virtual void showStatus(const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

class ModelsPresenter {
public:
    ModelsPresenter(ModelsView& view, plan::PlanRepository& repo) : m_view(view), m_repo(repo) {}

    // Reads the plan from the store and shows it (F5 calls it again).
    void load();
    void setQuery(const std::string& query);
    void select(int number);

    const std::vector<GroupNode>& groups() const { return m_groups; }
    const std::string& planTitle() const { return m_planTitle; }
    int shownCount() const;
    int totalCount() const { return m_total; }

    static std::string deadlineLabel(const plan::Deadline& d);

private:
    void rebuild();

    ModelsView& m_view;
    plan::PlanRepository& m_repo;
    std::vector<plan::StoredModel> m_models;
    std::vector<plan::Group> m_planGroups;
    std::vector<GroupNode> m_groups;
    std::string m_query;
    std::string m_planTitle;
    int m_total = 0;
    int m_selected = 0;
};

} // namespace da06::ui
