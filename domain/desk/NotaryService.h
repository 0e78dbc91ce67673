#pragma once
// Notarial cases (models 4 and 8): a case with its number, kind of act and parties with their
// roles, each party verified by a check. A case cannot be completed while a party lacks a passing
// check, unless an exception with a reason was recorded for that party. Documents scanned for
// electronic certification (model 4) are kept inside the encrypted store and certified with a
// record carrying their SHA-256 and a reference that the QR code of the certificate encodes.
// Every call needs Permission::MakeChecks (the cases hold personal data); changes are audited.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/desk/CheckService.h"
#include "domain/store/Database.h"

namespace da06::desk {

// "contract", "transaction", "copy_certification", "signature_certification",
// "translation_certification", "will", "other"
const std::vector<std::string>& actKinds();
std::string actKindLabel(const std::string& kind); // Vietnamese: "Hợp đồng", "Chứng thực bản sao", …
// "requester", "party_a", "party_b", "signer", "witness", "interpreter", "representative", "other"
const std::vector<std::string>& partyRoles();
std::string partyRoleLabel(const std::string& role); // "Người yêu cầu", "Bên A", …

enum class CaseStatus { Open, Completed, Cancelled };
const char* caseStatusName(CaseStatus s); // "open", "completed", "cancelled"

struct CaseParty {
    std::string uid;
    std::string role;
    std::optional<std::string> name; // nullopt once the details were purged
    std::optional<std::string> checkUid;
    std::optional<std::string> checkReference;
    std::optional<CheckOutcome> checkOutcome;
    std::optional<CheckMethod> checkMethod;
    bool passing = false;                 // has a passing check
    std::optional<std::string> exception; // reason recorded instead of a passing check
};

struct CaseDocument {
    std::string uid;
    std::string fileName;
    std::string mediaType;
    std::int64_t size = 0;
    std::string sha256;
    std::string addedAt;
    std::optional<std::string> certification; // CT-… once certified
    std::optional<std::string> certifiedBy, certifiedAt;
};

struct NotarialCase {
    std::string uid;
    std::string number; // "125/2024/CT-VP" — free text, unique on the desk
    int model = 4;
    std::string actKind;
    std::string title;
    CaseStatus status = CaseStatus::Open;
    std::string openedBy, openedAt;
    std::optional<std::string> closedBy, closedAt;
    std::vector<CaseParty> parties;
    std::vector<CaseDocument> documents;
    // The parties that block completion (no passing check and no exception).
    std::vector<std::string> blockingParties() const; // their uids
};

struct NewCase {
    std::string number;
    int model = 4;
    std::string actKind;
    std::string title;
};

// The record of a certified document (for its printed certificate and QR code).
struct Certification {
    std::string reference; // CT-YYYYMMDD-XXXXXX
    std::string caseNumber;
    std::string fileName;
    std::string sha256;
    std::int64_t size = 0;
    std::string certifiedBy, certifiedAt;
    // "DA06-CT|<reference>|<sha256>" — what the QR code on the certificate encodes.
    std::string qrPayload() const;
};

class NotaryService {
public:
    NotaryService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    Result<NotarialCase> open(const NewCase& c); // AlreadyExists for a used number
    Result<NotarialCase> get(const std::string& uidOrNumber);
    // Newest first; text matches the number, title or a party's name without diacritics.
    Result<std::vector<NotarialCase>> list(const std::string& text = "", std::optional<CaseStatus> status = {},
                                           int limit = 200);
    // A party verified by a check recorded on this desk (the check is attached to the case).
    Result<CaseParty> addParty(const std::string& caseRef, const std::string& role, const std::string& checkUid);
    // A party without a check yet (name typed); needs a check or an exception before completion.
    Result<CaseParty> addPartyByName(const std::string& caseRef, const std::string& role, const std::string& name);
    // Gives an existing party its check.
    Status verifyParty(const std::string& caseRef, const std::string& partyUid, const std::string& checkUid);
    // Records why the party goes without a passing check (reason of at least 10 characters).
    Status setException(const std::string& caseRef, const std::string& partyUid, const std::string& reason);
    // InvalidInput naming the blocking parties, when a party lacks both a passing check and an
    // exception; also when the case has no party.
    Result<NotarialCase> complete(const std::string& caseRef);
    Status cancel(const std::string& caseRef, const std::string& reason);

    // Model 4 documents, kept encrypted in the store; at most 50 MiB each.
    Result<CaseDocument> attachDocument(const std::string& caseRef, const std::string& fileName,
                                        const std::string& mediaType, const std::vector<unsigned char>& data);
    Result<std::vector<unsigned char>> documentData(const std::string& documentUid);
    // Certifies the document (once; the case must be open or completed, model 4).
    Result<Certification> certify(const std::string& documentUid);
    Result<Certification> certification(const std::string& reference);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::desk
