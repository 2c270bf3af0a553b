#include "doctor/runner.hpp"

#include "doctor/pasteable.hpp"
#include "doctor/run_context.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

namespace ngd::doctor {
namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

namespace {

/// One (check, target) pair and its result; `done` is a timer used as an event: it never
/// expires by itself, and cancelling it wakes every check waiting for this one.
struct task {
    const check_info* check;
    const target* tgt;
    std::optional<finding> result;
    asio::steady_timer done;
    asio::cancellation_signal cancel;

    task(asio::io_context& io, const check_info* c, const target* t)
        : check(c), tgt(t), done(io, clock::time_point::max()) {}

    std::string label() const
    {
        return std::string(check->id) + " (" + (tgt ? tgt->name : std::string("config")) + ")";
    }
};

finding stamp(finding f, const task& t, clock::duration elapsed)
{
    f.check_id = t.check->id;
    f.group = t.check->group;
    f.target = t.tgt ? t.tgt->name : "config";
    f.docs = docs_path(t.check->id);
    f.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed);
    if (f.state == status::ok || f.state == status::skip) f.error = net::error_class::none;
    add_key_steps(f.remedy);
    return f;
}

/// Why a check cannot run before it starts, if it cannot.
std::optional<std::string> reason_not_to_run(const check_info& check, const run_options& options)
{
    if (check.network && options.offline) return "--offline";
    if (check.live_only && !options.live) return "needs --live (sends one paid completion)";
    return std::nullopt;
}

class run {
public:
    run(asio::io_context& io, run_context& ctx, const progress_callback& on_progress)
        : io_(io), ctx_(ctx), on_progress_(on_progress), started_(clock::now()) {}

    void add(const check_info* check, const target* tgt)
    {
        tasks_.push_back(std::make_unique<task>(io_, check, tgt));
        by_check_and_target_.emplace(std::pair{std::string_view(check->id), tgt}, tasks_.back().get());
    }

    std::vector<finding> go(std::chrono::milliseconds tick)
    {
        for (auto& t : tasks_) start_prefetch(*t);
        for (auto& t : tasks_)
            asio::co_spawn(io_, execute(*t), asio::bind_cancellation_slot(t->cancel.slot(), asio::detached));
        asio::steady_timer deadline(io_, ctx_.options.deadline);
        deadline.async_wait([this](boost::system::error_code ec) {
            if (!ec) expire();
        });
        asio::steady_timer ticker(io_);
        if (on_progress_) start_ticker(ticker, tick);
        drain_ = [&] {
            deadline.cancel();
            ticker.cancel();
            // Answers nobody waits for any more are not worth waiting for.
            for (auto& signal : prefetches_) signal->emit(asio::cancellation_type::terminal);
        };
        if (finished_ == tasks_.size()) drain_();
        io_.run();
        io_.restart();
        link_repeats();

        std::vector<finding> out;
        out.reserve(tasks_.size());
        for (auto& t : tasks_) out.push_back(std::move(*t->result));
        return out;
    }

private:
    void start_prefetch(const task& t)
    {
        if (!t.check->prefetch || reason_not_to_run(*t.check, ctx_.options)) return;
        auto signal = std::make_unique<asio::cancellation_signal>();
        auto cc = std::make_shared<check_context>(check_context{ctx_, t.tgt});
        asio::co_spawn(
            io_, [cc, prefetch = t.check->prefetch]() -> asio::awaitable<void> { co_await prefetch(*cc); },
            asio::bind_cancellation_slot(signal->slot(), [](std::exception_ptr) {}));
        prefetches_.push_back(std::move(signal));
    }

    asio::awaitable<void> execute(task& t)
    {
        const auto begin = clock::now();
        finding result;
        try {
            result = co_await decide(t);
        } catch (const std::exception& e) {
            result = finding{};
            result.state = status::crash;
            result.summary = std::string("the check itself failed: ") + e.what();
        } catch (...) {
            result = finding{};
            result.state = status::crash;
            result.summary = "the check itself failed with an unknown exception";
        }
        finish(t, std::move(result), clock::now() - begin);
    }

    /// base_url.reach failing because `/models` answered an error of the moment (a 5xx, a 429)
    /// leaves the host askable: `/models` down says nothing of `/key`. Only a failure to reach
    /// the host at all (DNS, connect, TLS, proxy, timeout) or a wrong answer for good (4xx,
    /// bad shape) makes its dependents pointless. Other dependencies share their route with
    /// their dependents, whose answer would only repeat the failure.
    static bool server_answered(std::string_view dep_id, const finding& f)
    {
        return dep_id == "base_url.reach" &&
               (f.error == net::error_class::http_5xx || f.error == net::error_class::http_429);
    }

    /// A skip that follows from `dep`: says the root reason once ("base_url.format failed"),
    /// however long the chain of dependencies in between, and names the root in caused_by.
    static finding skipped_because(std::string_view dep_id, const finding& dep)
    {
        if (dep.state != status::skip) {
            finding f = skip(std::string(dep_id) + " failed");
            f.caused_by = dep_id;
            return f;
        }
        finding f = dep;  // the dependency's own reason, already "skipped: ..."
        f.details.clear();
        f.remedy = {};
        f.error = net::error_class::none;
        if (f.caused_by.empty()) f.caused_by = dep_id;
        return f;
    }

    asio::awaitable<finding> decide(task& t)
    {
        if (auto reason = reason_not_to_run(*t.check, ctx_.options)) co_return skip(*reason);
        for (const auto dep_id : t.check->depends_on) {
            task* dep = find_task(dep_id, t.tgt);
            if (!dep) continue;
            if (!dep->result) co_await dep->done.async_wait(asio::as_tuple(asio::use_awaitable));
            if (!dep->result) {
                finding f = skip(std::string(dep_id) + " did not finish");
                f.caused_by = dep_id;
                co_return f;
            }
            const status s = dep->result->state;
            if (s == status::crash || (s == status::fail && !server_answered(dep_id, *dep->result)) ||
                s == status::skip)
                co_return skipped_because(dep_id, *dep->result);
        }
        check_context cc{ctx_, t.tgt};
        co_return co_await t.check->run(cc);
    }

    /// Marks the failures that only repeat another one, once every check is done:
    /// - a dependent that ran (base_url.reach answered 5xx/429) and failed with its
    ///   dependency's error class asked the same server the same moment: the same failure;
    /// - a network check failing where a check of its group that needs no network already
    ///   failed on the same target (model.id_format: prefix missing, then model.availability:
    ///   not in the catalog) confirms what the config check said.
    void link_repeats()
    {
        for (auto& t : tasks_) {
            finding& f = *t->result;
            if ((f.state != status::fail && f.state != status::warn) || !f.caused_by.empty()) continue;
            for (const auto dep_id : t->check->depends_on) {
                const task* dep = find_task(dep_id, t->tgt);
                if (dep && dep->result && dep->result->state == status::fail && f.error == dep->result->error &&
                    f.error != net::error_class::none && f.error != net::error_class::config) {
                    f.caused_by = dep->result->caused_by.empty() ? std::string(dep_id) : dep->result->caused_by;
                    break;
                }
            }
            if (!f.caused_by.empty() || !t->check->network) continue;
            for (auto& other : tasks_) {
                if (other.get() == t.get()) break;  // earlier in the table only
                if (other->tgt == t->tgt && !other->check->network && other->check->group == t->check->group &&
                    other->result->state == status::fail && other->result->caused_by.empty()) {
                    f.caused_by = other->check->id;
                    break;
                }
            }
        }
    }

    // Looked up for every dependency of every task: by index, so 200 targets' 4,000 tasks
    // do not cost a scan each.
    task* find_task(std::string_view id, const target* tgt)
    {
        for (const target* owner : {tgt, static_cast<const target*>(nullptr)})
            if (const auto found = by_check_and_target_.find({id, owner}); found != by_check_and_target_.end())
                return found->second;
        return nullptr;
    }

    void finish(task& t, finding result, clock::duration elapsed)
    {
        if (t.result) return;  // already ended by the deadline
        t.result = stamp(std::move(result), t, elapsed);
        t.done.cancel();
        ++finished_;
        report_progress();
        if (finished_ == tasks_.size() && drain_) drain_();
    }

    // The deadline: what is still pending fails as a timeout, and is told to stop; its
    // coroutine then unwinds through the cancelled operation it was waiting on.
    void expire()
    {
        const auto seconds = std::chrono::duration<double>(ctx_.options.deadline).count();
        for (auto& t : tasks_) {
            if (t->result) continue;
            char text[96];
            std::snprintf(text, sizeof text, "did not finish within the run's deadline (%g s)", seconds);
            finding f = fail(text, net::error_class::timeout,
                             {"raise --deadline, or find what is slow with -v (per-check timings)", {}});
            finish(*t, std::move(f), clock::now() - started_);
            t->cancel.emit(asio::cancellation_type::terminal);
        }
    }

    void start_ticker(asio::steady_timer& ticker, std::chrono::milliseconds tick)
    {
        ticker.expires_after(tick);
        ticker.async_wait([this, &ticker, tick](boost::system::error_code ec) {
            if (ec) return;
            report_progress();
            start_ticker(ticker, tick);
        });
    }

    void report_progress()
    {
        if (!on_progress_) return;
        run_progress p;
        p.total = tasks_.size();
        p.done = finished_;
        p.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started_);
        for (auto& t : tasks_)
            if (!t->result) p.pending.push_back(t->label());
        on_progress_(p);
    }

    asio::io_context& io_;
    run_context& ctx_;
    const progress_callback& on_progress_;
    clock::time_point started_;
    std::vector<std::unique_ptr<task>> tasks_;
    std::map<std::pair<std::string_view, const target*>, task*> by_check_and_target_;  ///< a target-less check under nullptr
    std::size_t finished_ = 0;
    std::function<void()> drain_;
    std::vector<std::unique_ptr<asio::cancellation_signal>> prefetches_;
};

bool names(const check_info& check, const std::string& name)
{
    return check.id == name || check.group == name;
}

}  // namespace

std::vector<const check_info*> select_checks(const std::vector<std::string>& ids,
                                             std::vector<std::string>& unknown)
{
    std::set<std::string_view> wanted;
    for (const auto& name : ids) {
        bool matched = false;
        for (const auto& check : check_table())
            if (names(check, name)) {
                wanted.insert(check.id);
                matched = true;
            }
        if (!matched) unknown.push_back(name);
    }
    // Dependencies come along, so a dependent check never waits on something not run.
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& check : check_table())
            if (wanted.count(check.id))
                for (const auto dep : check.depends_on) grew |= wanted.insert(dep).second;
    }
    std::vector<const check_info*> out;
    for (const auto& check : check_table())
        if (wanted.count(check.id)) out.push_back(&check);
    return out;
}

std::vector<finding> run_checks(asio::io_context& io, run_context& ctx,
                                const std::vector<const check_info*>& checks,
                                const progress_callback& on_progress, std::chrono::milliseconds tick)
{
    run r(io, ctx, on_progress);
    for (const check_info* check : checks) {
        if (check->scope == check_scope::whole_config) {
            r.add(check, nullptr);
            continue;
        }
        for (const auto& t : ctx.targets) r.add(check, &t);
    }
    return r.go(tick);
}

}  // namespace ngd::doctor
