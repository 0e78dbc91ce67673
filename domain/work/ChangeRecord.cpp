#include "domain/work/ChangeRecord.h"

namespace da06::work {

const char* changeOpName(ChangeOp op)
{
    switch (op) {
    case ChangeOp::Insert:
        return "insert";
    case ChangeOp::Update:
        return "update";
    case ChangeOp::Delete:
        return "delete";
    }
    return "update";
}

json::Value changeRecordToJson(const ChangeRecord& r)
{
    json::Value o;
    o.set("change_id", r.changeId);
    o.set("entity", r.entity);
    o.set("entity_id", r.entityId);
    o.set("op", changeOpName(r.op));
    json::Value fields = json::Object{};
    for (const auto& [k, v] : r.fields) {
        fields.set(k, v);
    }
    o.set("fields", fields);
    o.set("hlc", r.hlc.toString());
    o.set("device", r.device);
    o.set("user", r.user);
    o.set("sync_state", r.syncState);
    return o;
}

Result<ChangeRecord> changeRecordFromJson(const json::Value& v)
{
    auto text = [&](const char* key) -> Result<std::string> {
        const json::Value* f = v.find(key);
        if (!f || !f->isString()) {
            return fail(ErrorCode::InvalidInput, std::string("a change record needs the text field \"") + key + "\" (" +
                                                     json::describe(v.position()) + ")");
        }
        return f->asString();
    };
    if (!v.isObject()) {
        return fail(ErrorCode::InvalidInput,
                    "a change record must be an object (" + json::describe(v.position()) + ")");
    }
    ChangeRecord r;
    DA06_TRY(changeId, text("change_id"));
    DA06_TRY(entity, text("entity"));
    DA06_TRY(entityId, text("entity_id"));
    DA06_TRY(op, text("op"));
    DA06_TRY(hlc, text("hlc"));
    DA06_TRY(device, text("device"));
    DA06_TRY(user, text("user"));
    r.changeId = *changeId;
    r.entity = *entity;
    r.entityId = *entityId;
    if (*op == "insert") {
        r.op = ChangeOp::Insert;
    } else if (*op == "update") {
        r.op = ChangeOp::Update;
    } else if (*op == "delete") {
        r.op = ChangeOp::Delete;
    } else {
        return fail(ErrorCode::InvalidInput, "unknown change operation \"" + *op + "\"");
    }
    auto ts = HlcTimestamp::parse(*hlc);
    if (!ts) {
        return fail(ErrorCode::InvalidInput, "\"" + *hlc + "\" is not a hybrid logical clock timestamp");
    }
    r.hlc = *ts;
    r.device = *device;
    r.user = *user;
    if (const json::Value* s = v.find("sync_state"); s && s->isString()) {
        r.syncState = s->asString();
    }
    const json::Value* fields = v.find("fields");
    if (!fields || !fields->isObject()) {
        return fail(ErrorCode::InvalidInput, "a change record needs an object \"fields\"");
    }
    for (const auto& [k, fv] : fields->asObject()) {
        r.fields.emplace_back(k, fv);
    }
    return r;
}

} // namespace da06::work
