#include "triage/triage.hpp"

#include "doctor/check.hpp"
#include "openrouter/curl.hpp"
#include "triage/generation_ids.hpp"
#include "triage/line_reader.hpp"
#include "triage/log_scanner.hpp"
#include "triage/redact.hpp"
#include "triage/rollout_rows.hpp"
#include "triage/sources.hpp"
#include "triage/unwrap.hpp"

#include <boost/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <unistd.h>

namespace ngd::triage {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t log_line_cap = std::size_t(1) << 20;  // 1 MiB: longer log lines are cut
constexpr std::size_t row_cap = std::size_t(8) << 20;       // 8 MiB: a rollout row with a long transcript

/// One rollout output and the files next to it.
struct collection {
    std::int64_t planned = 0, succeeded = 0, failed = 0, incomplete = 0, empty_outputs = 0, stale_rows = 0;
    std::map<std::string, std::int64_t> failed_by_class;
    bool has_materialized = false, has_rollouts = false, has_metrics = false, has_failures = false;
    std::optional<fs::file_time_type> materialized_time, failures_time;
    std::string materialized_path;
};

/// What a capture file's error_category means (base_responses_api_model.py::_classify_status).
std::optional<int> status_of_category(std::string_view category)
{
    if (category == "auth") return 401;
    if (category == "rate_limit") return 429;
    if (category == "not_found") return 404;
    if (category == "timeout") return 408;
    if (category == "upstream_error" || category == "stream_truncated") return 502;
    if (category == "client_error") return 400;
    return std::nullopt;
}

class reader {
public:
    reader(int stdin_fd, bool want_generation_ids) : stdin_fd_(stdin_fd), scanner_(causes_)
    {
        if (want_generation_ids) ids_.emplace();
    }

    bool read(const source& s, std::string& error)
    {
        const bool from_stdin = s.kind == file_kind::standard_input;
        const std::string shown = from_stdin ? "-" : s.path.string();
        if (s.kind == file_kind::metrics) {
            stems_[s.stem].has_metrics = true;
            report_.sources.push_back({shown, std::string(to_string(s.kind)), 0});
            return true;
        }
        const int fd = from_stdin ? stdin_fd_ : ::open(s.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            error = "cannot read '" + shown + "': " + std::strerror(errno);
            return false;
        }
        line_reader lines(fd, s.kind == file_kind::log || s.kind == file_kind::transcript || from_stdin ? log_line_cap : row_cap);
        collection& c = stems_[s.stem];
        note_time(s, c);
        if (env_file_.empty() && s.path.filename() == "env.yaml") env_file_ = s.path.string();
        std::string_view line;
        while (lines.next(line)) {
            const place where{shown, lines.number()};
            if (ids_) ids_->scan(line);
            switch (s.kind) {
            case file_kind::materialized:
                if (!blank(line)) ++c.planned;
                scanner_.scan_keys(line, where);
                break;
            case file_kind::rollouts: rollout_row(line, where, c); break;
            case file_kind::failures: failure_row(line, where, c); break;
            case file_kind::capture: capture_row(line, where); break;
            case file_kind::overrides: override_line(line, where); break;
            default: scanner_.scan(line, where); break;
            }
        }
        if (!from_stdin) ::close(fd);
        report_.sources.push_back({shown, std::string(to_string(s.kind)), lines.number()});
        return true;
    }

    triage_result finish()
    {
        auto& shape = report_.rollouts;
        for (auto& [stem, c] : stems_) {
            if (!c.has_materialized && !c.has_rollouts && !c.has_failures) continue;
            shape.known = true;
            // A _failures.jsonl written before this run's inputs is left from an older run.
            const bool stale = c.has_failures && c.failures_time && c.materialized_time &&
                               *c.failures_time < *c.materialized_time && c.failed > 0;
            if (stale) {
                shape.stale_failures = true;
                shape.stale_rows += c.failed;
            } else {
                shape.failed += c.failed;
                for (const auto& [k, n] : c.failed_by_class) shape.failed_by_class[k] += n;
            }
            const std::int64_t failed = stale ? 0 : c.failed;
            shape.planned += c.planned;
            shape.succeeded += c.succeeded;
            shape.incomplete += c.incomplete;
            shape.empty_outputs += c.empty_outputs;
            if (c.planned > c.succeeded + failed) {
                shape.missing += c.planned - c.succeeded - failed;
                // The first input that left no row (rows are written in input order, roughly).
                if (first_missing_file_.empty()) {
                    first_missing_file_ = c.materialized_path;
                    first_missing_line_ = static_cast<std::uint64_t>(c.succeeded + failed + 1);
                }
            }
            if ((c.has_materialized || c.has_rollouts) && !c.has_metrics) shape.metrics_missing = true;
        }

        triage_result result;
        result.overrides = overrides_;
        result.run_overrides = run_overrides_;
        result.env_file = env_file_;
        if (ids_) {
            result.generation_ids = ids_->chosen();
            result.generation_mentions = ids_->mentions();
        }
        // Rollouts that failed: the failed rows, the collector's /run 500s; a run that died with
        // rollouts missing had at least one (at HEAD one failed rollout ends the collection).
        std::int64_t failures = std::max(scanner_.run_failures(), shape.failed);
        if (failures == 0 && shape.missing > 0 && shape.metrics_missing) failures = 1;
        auto found = causes_.results();
        bool explained = false;
        for (const auto& c : found)
            if (c.finding.state == doctor::status::fail && c.count > 0) explained = true;
        if (!explained && failures > 0) {
            // The first place a failure shows: a failed row, else the first /run 500 of a log.
            std::string file = first_failure_file_;
            std::uint64_t line = first_failure_line_;
            if (file.empty() && !first_missing_file_.empty()) {
                file = first_missing_file_;
                line = first_missing_line_;
            }
            if (file.empty() && !scanner_.first_failure().empty()) {
                const std::string& at = scanner_.first_failure();
                file = at.substr(0, at.rfind(':'));
                line = std::stoull(at.substr(at.rfind(':') + 1));
            }
            const place where{file, line};
            causes_.add(cause_of(sign::unexplained, overrides_), {}, "unexplained", where,
                        "no upstream error body in the files read", failures, true);
            found = causes_.results();
        }
        if (shape.missing > 0 && shape.metrics_missing) {
            // NeMo Gym (at HEAD) ends the whole collection on one failed rollout: said on the
            // top cause, the one that most likely ended it.
            for (auto& c : found)
                if (c.count > 0) {
                    c.finding.details.push_back("the collection stopped: " + std::to_string(shape.missing) +
                                                " planned rollouts never ran (one failed rollout ends the whole "
                                                "collection)");
                    break;
                }
        }
        // The pre-run check that owns a cause says whether it is still there now.
        for (auto& c : found)
            if (doctor::find_check(c.finding.check_id))
                c.finding.remedy.commands.push_back("ngdoctor check " + c.finding.check_id);
        result.report = std::move(report_);
        result.report.causes = std::move(found);
        return result;
    }

private:
    static bool blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

    void note_time(const source& s, collection& c)
    {
        std::error_code ec;
        if (s.kind == file_kind::materialized) {
            c.has_materialized = true;
            c.materialized_path = s.path.string();
            auto t = fs::last_write_time(s.path, ec);
            if (!ec) c.materialized_time = t;
        } else if (s.kind == file_kind::failures) {
            c.has_failures = true;
            auto t = fs::last_write_time(s.path, ec);
            if (!ec) c.failures_time = t;
        } else if (s.kind == file_kind::rollouts) {
            c.has_rollouts = true;
        }
    }

    void note_failure(const place& where)
    {
        if (!first_failure_file_.empty()) return;
        first_failure_file_ = std::string(where.file);
        first_failure_line_ = where.line;
    }

    /// The error a failed row carries, wherever in the row it is.
    void row_error(std::string_view text, const place& where, std::string_view layer, bool judge)
    {
        const unwrapped u = unwrap(text);
        if (u.error) {
            const std::string server = u.hops.empty() ? (judge ? "judge" : "") : u.hops.back().server_key;
            causes_.add(cause_of(*u.error), server, layer, where, text);
        } else if (u.found_wrapping && u.body.empty()) {
            causes_.add(empty_body_cause(), u.hops.back().server_key, layer, where, text);
        } else if (judge && !text.empty()) {
            causes_.add(cause_of(sign::judge_failed, redact(text.substr(0, 160))), "judge", layer, where, text);
        }
    }

    void rollout_row(std::string_view line, const place& where, collection& c)
    {
        if (blank(line)) return;
        scanner_.scan_keys(line, where);
        const row_facts row = read_row(line);
        if (!row.failure_class.empty()) {  // newer NeMo Gym may keep failed rows here
            failed_row(row, line, where, c);
            return;
        }
        ++c.succeeded;
        if (is_context_row(row)) {
            ++c.incomplete;
            causes_.add(cause_of(sign::context_incomplete), {}, "rows", where,
                        "response.status=incomplete incomplete_details.reason=max_output_tokens usage=null");
        } else if (row.has_response && row.output_empty) {
            ++c.empty_outputs;
            causes_.add(cause_of(sign::empty_output), {}, "rows", where, "response.output=[]");
        }
    }

    void failure_row(std::string_view line, const place& where, collection& c)
    {
        if (blank(line)) return;
        scanner_.scan_keys(line, where);
        failed_row(read_row(line), line, where, c);
    }

    void failed_row(const row_facts& row, std::string_view line, const place& where, collection& c)
    {
        ++c.failed;
        ++c.failed_by_class[row.failure_class.empty() ? "unknown" : row.failure_class];
        note_failure(where);
        if (row.failure_class == "judge_failed") row_error(row.judge_error, where, "failure_rows", true);
        else row_error(line, where, "failure_rows", false);
    }

    void capture_row(std::string_view line, const place& where)
    {
        if (blank(line)) return;
        scanner_.scan_keys(line, where);
        namespace json = boost::json;
        json::error_code ec;
        const json::value v = json::parse(line, ec);
        if (ec || !v.is_object()) return;
        const auto& o = v.as_object();
        const auto* status = o.if_contains("status_code");
        const int code = status && status->is_int64() ? static_cast<int>(status->as_int64()) : 0;
        std::string category;
        if (const auto* c = o.if_contains("error_category"); c && c->is_string()) category = std::string(c->as_string());
        if (code != 0 && code < 400 && category.empty()) return;
        if (category == "connection") {
            causes_.add(cause_of(sign::connection_retries), {}, "capture", where, line);
            return;
        }
        if (auto e = read_error_envelope(line)) {
            if (!e->code && code) e->code = code;
            causes_.add(cause_of(*e, code), {}, "capture", where, line);
            return;
        }
        upstream_error e;
        e.code = code >= 400 ? std::optional<int>(code) : status_of_category(category);
        if (e.code) causes_.add(cause_of(e), {}, "capture", where, line);
    }

    void override_line(std::string_view line, const place& where)
    {
        scanner_.scan_keys(line, where);
        // Hydra writes `- key=value` per override.
        std::size_t at = line.find("- ");
        if (at == std::string_view::npos) return;
        std::string item(line.substr(at + 2));
        if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') && item.back() == item.front())
            item = item.substr(1, item.size() - 2);
        run_overrides_.push_back(item);
        if (item.find("global_aiohttp_client_request_debug") != std::string::npos) return;
        overrides_ += (overrides_.empty() ? "" : " ") + openrouter::shell_quote(redact(item));
    }

    int stdin_fd_;
    tally causes_;
    log_scanner scanner_;
    report::triage_report report_;
    std::map<std::string, collection> stems_;
    std::string overrides_;
    std::vector<std::string> run_overrides_;
    std::optional<generation_ids> ids_;  ///< only when asked for: most runs never look ids up
    std::string env_file_;  ///< the first env.yaml read: the config the run used
    std::string first_failure_file_, first_missing_file_;
    std::uint64_t first_missing_line_ = 0;
    std::uint64_t first_failure_line_ = 0;
};

}  // namespace

triage_result run_triage(const std::vector<std::string>& paths, int stdin_fd, bool want_generation_ids)
{
    triage_result result;
    const auto sources = find_sources(paths, result.usage_error);
    if (!result.usage_error.empty()) return result;
    reader r(stdin_fd, want_generation_ids);
    for (const auto& s : sources)
        if (!r.read(s, result.usage_error)) return result;
    return r.finish();
}

}  // namespace ngd::triage
