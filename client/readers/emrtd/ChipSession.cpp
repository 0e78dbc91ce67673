// The read session of the CCCD chip (ICAO 9303-11 §4.2 inspection procedure, §4.3 BAC, §4.4 PACE,
// §5 passive, §6 chip and active authentication).
#include "client/readers/emrtd/ChipSession.h"

#include "client/readers/emrtd/Bac.h"
#include "client/readers/emrtd/FileReader.h"
#include "client/readers/emrtd/Pace.h"
#include "domain/identity/IdNumber.h"
#include "domain/identity/chip/Mrz.h"

namespace da06::emrtd {

namespace {

SecretBytes textSecret(std::string_view s)
{
    return SecretBytes(ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
}

class StepClock {
public:
    StepClock(ChipReadResult& r, std::string step)
        : m_result(r), m_step(std::move(step)), m_start(std::chrono::steady_clock::now())
    {
    }
    ~StepClock()
    {
        const auto d = std::chrono::steady_clock::now() - m_start;
        m_result.timings.push_back({m_step, std::chrono::duration<double, std::milli>(d).count()});
    }
    StepClock(const StepClock&) = delete;
    StepClock& operator=(const StepClock&) = delete;

private:
    ChipReadResult& m_result;
    std::string m_step;
    std::chrono::steady_clock::time_point m_start;
};

bool isTransportOrCancel(ErrorCode c)
{
    return c == ErrorCode::CardRemoved || c == ErrorCode::CardReset || c == ErrorCode::NoCard ||
           c == ErrorCode::ServiceUnavailable || c == ErrorCode::Cancelled || c == ErrorCode::Timeout ||
           c == ErrorCode::NoReader;
}

} // namespace

void Progress::report(const std::string& step, std::size_t done, std::size_t total) const
{
    if (m_callback) {
        m_callback(ProgressEvent{step, done, total});
    }
}

Result<AccessKey> AccessKey::fromCan(std::string_view can)
{
    if (can.size() != 6 || !identity::isAllDigits(can)) {
        return fail(ErrorCode::Usage, "the access number (CAN) must be 6 digits");
    }
    AccessKey k;
    k.m_can = textSecret(can);
    return k;
}

Result<AccessKey> AccessKey::fromId12(std::string_view id12, std::string_view dob, std::string_view expiry)
{
    if (id12.size() != 12 || !identity::isAllDigits(id12)) {
        return fail(ErrorCode::Usage, "the card number must be 12 digits");
    }
    AccessKey k;
    k.m_can = textSecret(id12.substr(6));
    if (!dob.empty() || !expiry.empty()) {
        auto info = chip::bacMrzInformationFromId12(id12, dob, expiry);
        if (!info) {
            return fail(ErrorCode::Usage, info.error().message);
        }
        k.m_mrzInformation = textSecret(*info);
        wipeBytes(info->data(), info->size());
    }
    return k;
}

Result<AccessKey> AccessKey::fromMrz(std::string_view mrz)
{
    auto parsed = chip::parseTd1(mrz);
    if (!parsed) {
        return fail(ErrorCode::Usage, parsed.error().message);
    }
    auto info = chip::bacMrzInformation(*parsed);
    if (!info) {
        return fail(ErrorCode::Usage, info.error().message);
    }
    AccessKey k;
    k.m_mrzInformation = textSecret(*info);
    wipeBytes(info->data(), info->size());
    if (!parsed->idNumber12.empty()) {
        k.m_can = textSecret(std::string_view(parsed->idNumber12).substr(6));
    }
    return k;
}

Result<AccessKey> AccessKey::fromDocument(std::string_view doc, std::string_view dob, std::string_view expiry)
{
    auto info = chip::bacMrzInformation(doc, dob, expiry);
    if (!info) {
        return fail(ErrorCode::Usage, info.error().message);
    }
    AccessKey k;
    k.m_mrzInformation = textSecret(*info);
    wipeBytes(info->data(), info->size());
    return k;
}

Result<ChipReadResult> readChip(readers::CardChannel& channel, const AccessKey& key, const ReadOptions& options,
                                const Progress& progress, const CancelToken& cancel)
{
    ChipReadResult r;
    CardSession session(channel, &cancel);
    FileReader reader(session, options.initialLe, options.adaptiveLe);
    const std::size_t startCount = channel.commandCount();
    if (!key.hasCan() && !key.hasBac()) {
        return fail(ErrorCode::Usage, "no access key: give the card number, the CAN or the MRZ data");
    }

    // EF.CardAccess, from the master file (or by its identifier when SELECT MF is refused).
    Bytes cardAccess;
    {
        StepClock clock(r, "card_access");
        progress.report("card_access", 0, 0);
        DA06_TRY(mf, reader.selectMasterFile());
        (void)*mf;
        auto ca = reader.readFile(kEfCardAccess);
        if (ca) {
            cardAccess = std::move(*ca);
        } else if (isTransportOrCancel(ca.error().code)) {
            return std::unexpected(ca.error());
        }
    }
    const bool paceAnnounced = !cardAccess.empty() && findPace(cardAccess).has_value();

    // Access control.
    if (paceAnnounced && key.hasCan() && options.allowPace) {
        StepClock clock(r, "pace");
        progress.report("pace", 0, 0);
        auto sm = performPace(session, cardAccess, key.can());
        if (sm) {
            session.startSecureMessaging(std::move(*sm));
            r.access = "PACE";
        } else if (sm.error().code == ErrorCode::AccessDenied || isTransportOrCancel(sm.error().code) ||
                   !key.hasBac()) {
            return std::unexpected(sm.error());
        } else {
            r.notes.push_back("pace_failed_bac_used");
        }
    }
    {
        StepClock clock(r, "select");
        progress.report("select", 0, 0);
        DA06_CHECK(reader.selectApplication());
    }
    if (!session.secured()) {
        if (!key.hasBac()) {
            return fail(ErrorCode::AccessDenied,
                        "this chip needs the MRZ data (BAC): give the date of birth and the date of expiry too");
        }
        StepClock clock(r, "bac");
        progress.report("bac", 0, 0);
        DA06_TRY(sm, performBac(session, key.mrzInformation()));
        session.startSecureMessaging(std::move(*sm));
        r.access = "BAC";
    }

    // Files.
    auto readStep = [&](const std::string& step, std::uint16_t fid) -> Result<Bytes> {
        StepClock clock(r, step);
        progress.report(step, 0, 0);
        return reader.readFile(fid, [&](std::size_t done, std::size_t total) { progress.report(step, done, total); });
    };
    {
        DA06_TRY(com, readStep("ef_com", kEfCom));
        auto parsed = chip::parseEfCom(*com);
        if (!parsed) {
            return fail(ErrorCode::InvalidInput, "EF.COM: " + parsed.error().message);
        }
        r.efCom = std::move(*com);
        r.com = std::move(*parsed);
    }
    for (int dg : {1, 2, 13, 14, 15}) {
        if (!r.com->lists(dg) || (dg == 2 && !options.readFace)) {
            continue;
        }
        const std::string step = "dg" + std::to_string(dg);
        auto file = readStep(step, chip::fileIdOfDataGroup(dg));
        if (!file) {
            if (dg != 1 && (file.error().code == ErrorCode::NotFound || file.error().code == ErrorCode::AccessDenied)) {
                r.notes.push_back(step + (file.error().code == ErrorCode::NotFound ? "_not_found" : "_access_denied"));
                continue;
            }
            return std::unexpected(file.error());
        }
        r.dataGroups[dg] = std::move(*file);
    }
    if (!r.dataGroups.contains(1)) {
        return fail(ErrorCode::InvalidInput, "the chip has no DG1 (MRZ)");
    }
    {
        auto sod = readStep("sod", kEfSod);
        if (sod) {
            r.sod = std::move(*sod);
        } else if (sod.error().code != ErrorCode::NotFound) {
            return std::unexpected(sod.error());
        }
    }
    // Parse what was read.
    {
        auto dg1 = chip::parseDg1(r.dataGroups[1]);
        if (!dg1) {
            return fail(ErrorCode::InvalidInput, "DG1: " + dg1.error().message);
        }
        r.mrz = std::move(dg1->mrz);
    }
    if (r.dataGroups.contains(13)) {
        auto dg13 = chip::parseDg13(r.dataGroups[13]);
        if (dg13 && options.normalizeText) {
            for (std::string* f : {&dg13->idNumber, &dg13->fullName, &dg13->dateOfBirth, &dg13->sex, &dg13->nationality,
                                   &dg13->ethnicity, &dg13->religion, &dg13->placeOfOrigin, &dg13->placeOfResidence,
                                   &dg13->identifyingFeatures, &dg13->issueDate, &dg13->expiryDate, &dg13->fatherName,
                                   &dg13->motherName, &dg13->spouseName, &dg13->oldIdNumber}) {
                *f = options.normalizeText(*f);
            }
            for (auto& [n, v] : dg13->otherFields) {
                v = options.normalizeText(v);
            }
        }
        if (dg13) {
            r.dg13 = std::move(*dg13);
        } else {
            r.notes.push_back("dg13_unreadable");
        }
    }
    if (r.dataGroups.contains(2)) {
        auto face = chip::parseDg2(r.dataGroups[2]);
        if (face) {
            r.face = std::move(*face);
        } else {
            r.faceError = face.error().message;
        }
    }
    // Active authentication (under the access keys), then chip authentication (replaces them).
    if (options.activeAuthentication && r.dataGroups.contains(15)) {
        StepClock clock(r, "active_authentication");
        progress.report("active_authentication", 0, 0);
        const Bytes none;
        DA06_TRY(aa,
                 performActiveAuthentication(session, r.dataGroups[15],
                                             r.dataGroups.contains(14) ? ByteView(r.dataGroups[14]) : ByteView(none)));
        r.activeAuthentication = std::move(*aa);
    } else if (r.com->lists(15) && options.activeAuthentication) {
        r.activeAuthentication = {AuthOutcome::Failed, "EF.COM lists DG15 but the chip does not give it"};
    } else {
        r.activeAuthentication = {AuthOutcome::NotSupported,
                                  r.dataGroups.contains(15) ? "not requested" : "the chip has no DG15"};
    }
    if (options.chipAuthentication && r.dataGroups.contains(14)) {
        StepClock clock(r, "chip_authentication");
        progress.report("chip_authentication", 0, 0);
        DA06_TRY(ca, performChipAuthentication(session, r.dataGroups[14]));
        if (ca->outcome == AuthOutcome::Passed) {
            // Proof: the chip answers under the new keys, with the EF.COM we read before.
            auto again = reader.selectFile(kEfCom);
            Result<Bytes> head = again ? reader.readSelected() : Result<Bytes>(std::unexpected(again.error()));
            if (!head) {
                if (isTransportOrCancel(head.error().code)) {
                    return std::unexpected(head.error());
                }
                ca = AuthResult{AuthOutcome::Failed, "the chip does not answer with the chip authentication keys"};
            } else if (*head != r.efCom) {
                ca = AuthResult{AuthOutcome::Failed, "the chip answers other data after chip authentication"};
            }
        }
        r.chipAuthentication = std::move(*ca);
    } else if (r.com->lists(14) && options.chipAuthentication) {
        r.chipAuthentication = {AuthOutcome::Failed, "EF.COM lists DG14 but the chip does not give it"};
    } else {
        r.chipAuthentication = {AuthOutcome::NotSupported,
                                r.dataGroups.contains(14) ? "not requested" : "the chip has no DG14"};
    }
    r.apduCount = channel.commandCount() - startCount;
    r.learnedLe = reader.learnedLe();

    // Verification and display, off the card.
    {
        StepClock clock(r, "passive_authentication");
        progress.report("passive_authentication", 0, 0);
        if (r.sod.empty()) {
            r.passiveAuthentication = {PaResult::Failed, "sod_missing", "the chip has no EF.SOD", "", ""};
        } else {
            r.passiveAuthentication = verifyPassive(r.dataGroups, r.sod, options.trustFolder);
        }
    }
    if (r.face && options.decodeFace) {
        StepClock clock(r, "photo");
        auto pixels = decodeFaceImage(r.face->data);
        if (pixels) {
            r.facePixels = std::move(*pixels);
        } else {
            r.faceError = pixels.error().message;
        }
    }
    const identity::CccdIdentity* qr = options.qr ? &*options.qr : nullptr;
    r.crossCheck = chip::crossCheckChip({r.dg13 ? &*r.dg13 : nullptr, r.mrz ? &*r.mrz : nullptr, qr, options.asOf});
    progress.report("done", 0, 0);
    return r;
}

} // namespace da06::emrtd
