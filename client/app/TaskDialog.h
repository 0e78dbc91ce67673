#pragma once
// The task editor: a new task of the unit, or an existing one (title, responsible person, dates,
// status, percent done, indicators, a new note, evidence files). The presenter checks every field
// first and says next to the field what is wrong.
#include <wx/dialog.h>

#include "client/presenters/TaskEditorPresenter.h"

class wxChoice;
class wxDataViewListCtrl;
class wxListBox;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace da06::app {

class TaskDialog : public wxDialog, public ui::TaskEditorView {
public:
    TaskDialog(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor);

    bool startNew(const std::string& unitId, int model);
    bool startEdit(std::int64_t id);
    // After ShowModal() == wxID_OK: the task saved.
    std::optional<std::int64_t> taskId() const { return m_presenter.taskId(); }

    // TaskEditorView
    void showTask(const ui::TaskEditorInfo& info, const ui::TaskForm& form) override;
    void showFieldError(ui::TaskField field, const std::string& message) override;
    void showError(const std::string& text) override;

private:
    ui::TaskForm readForm() const;
    void onSave();
    void onAttach();
    void showEvidence();
    wxWindow* fieldWindow(ui::TaskField field) const;

    ui::TaskEditorPresenter m_presenter;
    wxStaticText* m_heading = nullptr;
    wxStaticText* m_state = nullptr;
    wxStaticText* m_unit = nullptr;
    wxChoice* m_modelChoice = nullptr;
    wxStaticText* m_modelText = nullptr;
    wxTextCtrl* m_title = nullptr;
    wxTextCtrl* m_responsible = nullptr;
    wxTextCtrl* m_start = nullptr;
    wxTextCtrl* m_due = nullptr;
    wxChoice* m_status = nullptr;
    wxSpinCtrl* m_percent = nullptr;
    wxDataViewListCtrl* m_indicators = nullptr;
    wxTextCtrl* m_notes = nullptr;
    wxTextCtrl* m_newNote = nullptr;
    wxListBox* m_evidence = nullptr;
    wxButton* m_attach = nullptr;
    wxStaticText* m_error = nullptr;
    std::vector<int> m_modelNumbers;
};

} // namespace da06::app
