#include "cli/scrubbed_stream.hpp"

#include "doctor/scrub.hpp"

namespace ngd::cli {

scrubbed_buffer::int_type scrubbed_buffer::overflow(int_type c)
{
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    pending_ += traits_type::to_char_type(c);
    if (pending_.back() == '\n') emit();
    return c;
}

std::streamsize scrubbed_buffer::xsputn(const char* s, std::streamsize n)
{
    pending_.append(s, static_cast<std::size_t>(n));
    // Whole lines at a time, so a key written in pieces is scrubbed as one.
    if (pending_.find('\n') != std::string::npos) emit();
    return n;
}

int scrubbed_buffer::sync()
{
    emit();
    return sink_->pubsync();
}

void scrubbed_buffer::emit()
{
    if (pending_.empty()) return;
    const std::string clean = doctor::scrub(std::move(pending_), {});
    pending_.clear();
    sink_->sputn(clean.data(), static_cast<std::streamsize>(clean.size()));
}

}  // namespace ngd::cli
