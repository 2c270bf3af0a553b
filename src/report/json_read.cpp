// Reading a report back is the inverse of json.cpp: every field it writes is read here
// under the same name. A file from an older v1 build lacks the fields added since
// (created_at, caused_by, fix.edits, ...); they are optional for that reason.
#include "report/json_read.hpp"

#include "openrouter/json_read.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <charconv>
#include <stdexcept>

namespace ngd::report {
namespace json = boost::json;

namespace {

/// A field that does not fit: its path, and what is wrong with it.
struct bad_field : std::runtime_error {
    bad_field(std::string where, const std::string& what) : std::runtime_error(what), where(std::move(where)) {}
    std::string where;
};

std::string kind_of(const json::value& v)
{
    return std::string(openrouter::detail::kind_name(v));
}

/// The fields of one JSON object, each read with the path it sits at.
class fields {
public:
    fields(const json::value& v, std::string path) : path_(std::move(path))
    {
        if (!v.is_object()) throw bad_field(path_.empty() ? "the top level" : path_, "expected an object, got " + kind_of(v));
        object_ = &v.as_object();
    }

    std::string path(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

    /// The value at `key`; nullptr when it is absent or null.
    const json::value* find(std::string_view key) const
    {
        const auto* v = object_->if_contains(key);
        return v && !v->is_null() ? v : nullptr;
    }

    const json::value& need(std::string_view key) const
    {
        const auto* v = find(key);
        if (!v) throw bad_field(path(key), "missing");
        return *v;
    }

    std::string text(std::string_view key, bool required = false) const
    {
        const auto* v = required ? &need(key) : find(key);
        if (!v) return {};
        if (!v->is_string()) throw bad_field(path(key), "expected a string, got " + kind_of(*v));
        return std::string(v->as_string());
    }

    std::optional<std::string> maybe_text(std::string_view key) const
    {
        if (!find(key)) return std::nullopt;
        return text(key);
    }

    std::optional<std::int64_t> integer(std::string_view key) const
    {
        const auto* v = find(key);
        if (!v) return std::nullopt;
        if (v->is_int64()) return v->as_int64();
        if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
            return static_cast<std::int64_t>(v->as_uint64());
        // Compared in range first: converting a double past int64's is undefined.
        if (v->is_double() && std::fabs(v->as_double()) < 9.2233720368547758e18 &&
            v->as_double() == std::trunc(v->as_double()))
            return static_cast<std::int64_t>(v->as_double());
        throw bad_field(path(key), "expected a whole number, got " + kind_of(*v));
    }

    std::optional<double> number(std::string_view key) const
    {
        const auto* v = find(key);
        if (!v) return std::nullopt;
        if (v->is_double()) return v->as_double();
        if (v->is_int64()) return static_cast<double>(v->as_int64());
        if (v->is_uint64()) return static_cast<double>(v->as_uint64());
        throw bad_field(path(key), "expected a number, got " + kind_of(*v));
    }

    std::vector<std::string> texts(std::string_view key) const
    {
        std::vector<std::string> out;
        const auto* v = find(key);
        if (!v) return out;
        if (!v->is_array()) throw bad_field(path(key), "expected an array of strings, got " + kind_of(*v));
        std::size_t i = 0;
        for (const auto& item : v->as_array()) {
            if (!item.is_string())
                throw bad_field(path(key) + "[" + std::to_string(i) + "]", "expected a string, got " + kind_of(item));
            out.emplace_back(item.as_string());
            ++i;
        }
        return out;
    }

    /// The objects of the array at `key`, each with its path.
    std::vector<fields> objects(std::string_view key) const
    {
        std::vector<fields> out;
        const auto* v = find(key);
        if (!v) return out;
        if (!v->is_array()) throw bad_field(path(key), "expected an array, got " + kind_of(*v));
        std::size_t i = 0;
        for (const auto& item : v->as_array()) out.emplace_back(item, path(key) + "[" + std::to_string(i++) + "]");
        return out;
    }

    std::optional<bool> flag(std::string_view key) const
    {
        const auto* v = find(key);
        if (!v) return std::nullopt;
        if (!v->is_bool()) throw bad_field(path(key), "expected a boolean, got " + kind_of(*v));
        return v->as_bool();
    }

    std::vector<std::string> keys() const
    {
        std::vector<std::string> out;
        for (const auto& [k, v] : *object_) out.emplace_back(k);
        return out;
    }

    std::optional<fields> object(std::string_view key) const
    {
        const auto* v = find(key);
        if (!v) return std::nullopt;
        return fields(*v, path(key));
    }

private:
    const json::object* object_ = nullptr;
    std::string path_;
};

constexpr doctor::status statuses[] = {doctor::status::ok, doctor::status::warn, doctor::status::fail,
                                       doctor::status::skip, doctor::status::crash};

std::optional<doctor::status> status_named(std::string_view name)
{
    for (const auto s : statuses)
        if (doctor::to_string(s) == name) return s;
    return std::nullopt;
}

std::optional<net::error_class> error_class_named(std::string_view name)
{
    for (int c = static_cast<int>(net::error_class::none); c <= static_cast<int>(net::error_class::bad_response); ++c)
        if (net::to_string(static_cast<net::error_class>(c)) == name) return static_cast<net::error_class>(c);
    return std::nullopt;
}

std::string status_names()
{
    std::string names;
    for (const auto s : statuses) names += (names.empty() ? "" : ", ") + std::string(doctor::to_string(s));
    return names;
}

doctor::edit edit_from(const fields& e)
{
    doctor::edit out;
    out.file = e.text("file");
    out.line = static_cast<int>(e.integer("line").value_or(0));
    out.key = e.text("key");
    out.value = e.maybe_text("value");
    out.secret = e.flag("secret").value_or(false);
    return out;
}

/// One finding, or nullopt when a newer schema gives it a status this build does not know.
std::optional<doctor::finding> finding_from(const fields& c, bool newer, std::vector<std::string>& notes)
{
    doctor::finding f;
    f.check_id = c.text("id", true);
    const auto status_text = c.text("status", true);
    const auto state = status_named(status_text);
    if (!state) {
        if (!newer)
            throw bad_field(c.path("status"), "expected one of " + status_names() + ", got \"" + status_text + "\"");
        notes.push_back(c.path("status") + ": \"" + status_text + "\" is not known to this ngdoctor; " + f.check_id +
                        " is left out");
        return std::nullopt;
    }
    f.state = *state;
    f.group = c.text("group");
    f.target = c.text("target");
    f.summary = c.text("summary");
    f.details = c.texts("details");
    if (const auto error = c.maybe_text("error_class")) {
        const auto known = error_class_named(*error);
        if (!known && !newer) throw bad_field(c.path("error_class"), "not an error class: \"" + *error + "\"");
        f.error = known.value_or(net::error_class::none);
    }
    if (const auto fix = c.object("fix")) {
        f.remedy.text = fix->text("text");
        f.remedy.commands = fix->texts("commands");
        for (const auto& e : fix->objects("edits")) f.remedy.edits.push_back(edit_from(e));
    }
    f.docs = c.text("docs");
    f.elapsed = std::chrono::milliseconds(c.integer("elapsed_ms").value_or(0));
    f.caused_by = c.text("caused_by");
    return f;
}

saved_report report_from(const json::value& root)
{
    const fields top(root, "");
    saved_report out;
    auto& rep = out.report;
    const auto schema = top.text("schema", true);
    if (schema.starts_with("ngdoctor.triage/"))
        throw bad_field("schema", "\"" + schema + "\" is a triage report, not a check report (read_triage_report reads it)");
    const int version = report_schema_version(schema);
    if (version == 0) throw bad_field("schema", "not an ngdoctor report: \"" + schema + "\"");
    const bool newer = version > written_schema_version;
    rep.version = top.text("ngdoctor_version");
    if (newer)
        out.notes.push_back("this report has schema " + schema + ", newer than this ngdoctor's (ngdoctor.report/v" +
                            std::to_string(written_schema_version) + "), written by ngdoctor " +
                            (rep.version.empty() ? "(unknown)" : rep.version) + ": read as far as it is understood");
    rep.elapsed = std::chrono::milliseconds(top.integer("elapsed_ms").value_or(0));
    if (const auto config = top.object("config")) {
        rep.env_file = config->maybe_text("env_file");
        rep.config_paths = config->texts("config_paths");
    }
    for (const auto& t : top.objects("targets"))
        rep.targets.push_back({t.text("name", true), t.text("base_url"), t.text("model"), t.text("key")});
    top.need("checks");
    for (const auto& c : top.objects("checks"))
        if (auto f = finding_from(c, newer, out.notes)) rep.findings.push_back(std::move(*f));
    rep.created_at = top.text("created_at");
    rep.command = top.texts("command");
    if (const auto* options = top.find("options")) {
        if (!options->is_object()) throw bad_field("options", "expected an object, got " + kind_of(*options));
        rep.options = options->as_object();
    }
    if (const auto p = top.object("platform"))
        rep.platform = platform_view{p->text("os"), p->text("kernel"), p->text("ca_store"), p->text("proxy"),
                                     p->text("ngdoctor_build")};
    if (const auto code = top.integer("exit_code")) rep.exit_code = static_cast<int>(*code);
    return out;
}

saved_triage triage_from(const json::value& root)
{
    const fields top(root, "");
    saved_triage out;
    const auto schema = top.text("schema", true);
    constexpr std::string_view prefix = "ngdoctor.triage/v";
    if (!schema.starts_with(prefix)) throw bad_field("schema", "not an ngdoctor triage report: \"" + schema + "\"");
    if (schema != "ngdoctor.triage/v1")
        out.notes.push_back("this triage report has schema " + schema +
                            ", newer than this ngdoctor's (ngdoctor.triage/v1): read as far as it is understood");
    const bool newer = schema != "ngdoctor.triage/v1";
    for (const auto& s : top.objects("sources"))
        out.report.sources.push_back({s.text("path"), s.text("kind"), static_cast<std::uint64_t>(std::max<std::int64_t>(0, s.integer("lines").value_or(0)))});
    auto& shape = out.report.rollouts;
    if (const auto r = top.object("rollouts")) {
        shape.planned = r->integer("planned").value_or(0);
        shape.succeeded = r->integer("succeeded").value_or(0);
        shape.failed = r->integer("failed").value_or(0);
        shape.missing = r->integer("missing").value_or(0);
        shape.incomplete = r->integer("incomplete").value_or(0);
        shape.empty_outputs = r->integer("empty_outputs").value_or(0);
        shape.stale_rows = r->integer("stale_rows").value_or(0);
        shape.known = r->flag("known").value_or(false);
        shape.metrics_missing = r->flag("metrics_missing").value_or(false);
        shape.stale_failures = r->flag("stale_failures").value_or(false);
        if (const auto by_class = r->object("failed_by_class"))
            for (const auto& name : by_class->keys()) shape.failed_by_class[name] = by_class->integer(name).value_or(0);
        // An older triage JSON does not say whether a rollout file was read: a rollout-kind
        // source or any count says it was.
        if (!r->find("known")) {
            for (const auto& s : out.report.sources)
                if (s.kind == "rollouts" || s.kind == "materialized_inputs" || s.kind == "failures" || s.kind == "metrics")
                    shape.known = true;
            shape.known = shape.known || shape.planned || shape.succeeded || shape.failed || shape.missing;
        }
    }
    for (const auto& c : top.objects("causes")) {
        triage_cause cause;
        auto& f = cause.finding;
        f.check_id = c.text("id", true);
        const auto status_text = c.text("status", true);
        const auto state = status_named(status_text);
        if (!state) {
            if (!newer)
                throw bad_field(c.path("status"), "expected one of " + status_names() + ", got \"" + status_text + "\"");
            out.notes.push_back(c.path("status") + ": \"" + status_text + "\" is not known to this ngdoctor; " +
                                f.check_id + " is left out");
            continue;
        }
        f.state = *state;
        f.summary = c.text("summary");
        f.details = c.texts("details");
        if (const auto fix = c.object("fix")) {
            f.remedy.text = fix->text("text");
            f.remedy.commands = fix->texts("commands");
        }
        cause.count = c.integer("count").value_or(0);
        cause.first_seen = c.text("first_seen");
        cause.evidence = c.text("evidence");
        out.report.causes.push_back(std::move(cause));
    }
    // `triage --generations` only; a report without the key was made without the option.
    if (const auto* list = root.as_object().if_contains("generations"); list && !list->is_null()) {
        auto& lookup = out.report.generations;
        lookup.asked = true;
        lookup.mentions = static_cast<std::uint64_t>(std::max<std::int64_t>(0, top.integer("generation_mentions").value_or(0)));
        lookup.note = top.text("generations_note");
        for (const auto& g : top.objects("generations")) {
            triage_generation one;
            one.id = g.text("id", true);
            one.outcome = g.text("outcome", true);
            one.http_status = static_cast<int>(g.integer("http_status").value_or(0));
            one.error = g.text("error");
            one.provider = g.text("provider");
            one.model = g.text("model");
            one.finish_reason = g.text("finish_reason");
            one.native_finish_reason = g.text("native_finish_reason");
            one.created_at = g.text("created_at");
            one.latency_ms = g.number("latency_ms");
            one.generation_time_ms = g.number("generation_time_ms");
            one.total_cost = g.number("total_cost");
            if (const auto t = g.object("tokens")) {
                one.tokens_prompt = t->integer("prompt");
                one.tokens_completion = t->integer("completion");
                one.native_tokens_prompt = t->integer("native_prompt");
                one.native_tokens_completion = t->integer("native_completion");
                one.native_tokens_reasoning = t->integer("native_reasoning");
            }
            lookup.looked_up.push_back(std::move(one));
        }
    }
    return out;
}

/// "line L, column C" of byte `offset` in `text`.
std::string place_of(std::string_view text, std::size_t offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // a character, not a UTF-8 continuation byte
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

int report_schema_version(std::string_view schema)
{
    constexpr std::string_view prefix = "ngdoctor.report/v";
    if (!schema.starts_with(prefix)) return 0;
    schema.remove_prefix(prefix.size());
    int n = 0;
    const auto [end, ec] = std::from_chars(schema.data(), schema.data() + schema.size(), n);
    if (ec != std::errc() || end != schema.data() + schema.size() || n < 1) return 0;
    return n;
}

namespace {

/// `text` parsed, then read by `reader`; a failure names the place.
template <class Reader>
auto read_with(std::string_view text, read_failure& failure, Reader reader) -> std::optional<decltype(reader(json::value()))>
{
    json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        failure = {place_of(text, used), "not valid JSON (" + ec.message() + ")"};
        return std::nullopt;
    }
    try {
        return reader(parser.release());
    } catch (const bad_field& e) {
        failure = {e.where, e.what()};
        return std::nullopt;
    }
}

}  // namespace

std::optional<saved_report> read_report(std::string_view text, read_failure& failure)
{
    return read_with(text, failure, report_from);
}

std::optional<saved_triage> read_triage_report(std::string_view text, read_failure& failure)
{
    return read_with(text, failure, triage_from);
}

bool is_triage_json(std::string_view text)
{
    boost::system::error_code ec;
    const auto v = json::parse(text, ec);
    if (ec || !v.is_object()) return false;
    const auto* schema = v.as_object().if_contains("schema");
    return schema && schema->is_string() && schema->as_string().starts_with("ngdoctor.triage/");
}

}  // namespace ngd::report
