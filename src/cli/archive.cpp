#include "cli/archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace ngd::cli {

namespace {

struct writer_closer {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct reader_closer {
    void operator()(archive* a) const { archive_read_free(a); }
};
struct entry_closer {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

}  // namespace

std::string write_archive(const std::filesystem::path& file, const std::vector<archive_member>& members)
{
    // O_EXCL: a bundle never replaces a file, not even one created since the name was chosen.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return file.string() + ": " + std::strerror(errno);
    std::unique_ptr<archive, writer_closer> a(archive_write_new());
    std::string error;
    auto failed = [&](const char* step) {
        error = std::string(step) + ": " + (archive_error_string(a.get()) ? archive_error_string(a.get()) : "failed");
        return true;
    };
    bool bad = archive_write_add_filter_gzip(a.get()) != ARCHIVE_OK && failed("gzip");
    bad = bad || (archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK && failed("tar format"));
    bad = bad || (archive_write_open_fd(a.get(), fd) != ARCHIVE_OK && failed("open"));
    const std::time_t now = std::time(nullptr);
    for (const auto& m : members) {
        if (bad) break;
        std::unique_ptr<archive_entry, entry_closer> e(archive_entry_new());
        archive_entry_set_pathname(e.get(), m.name.c_str());
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(m.text.size()));
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0600);
        archive_entry_set_mtime(e.get(), now, 0);
        bad = archive_write_header(a.get(), e.get()) != ARCHIVE_OK && failed(m.name.c_str());
        if (!bad && !m.text.empty())
            bad = archive_write_data(a.get(), m.text.data(), m.text.size()) != static_cast<la_ssize_t>(m.text.size()) &&
                  failed(m.name.c_str());
    }
    if (!bad && archive_write_close(a.get()) != ARCHIVE_OK) bad = failed("close");
    a.reset();
    ::close(fd);
    if (bad) {
        // Half an archive helps nobody; the file is ours (O_EXCL created it).
        std::error_code ec;
        std::filesystem::remove(file, ec);
        return file.string() + ": " + error;
    }
    return {};
}

bool looks_like_gzip(std::string_view bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::optional<std::string> read_archive_member(const std::filesystem::path& file, const std::string& name,
                                               std::string& error)
{
    std::unique_ptr<archive, reader_closer> a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_all(a.get());
    if (archive_read_open_filename(a.get(), file.c_str(), 64 * 1024) != ARCHIVE_OK) {
        error = archive_error_string(a.get()) ? archive_error_string(a.get()) : "not an archive";
        return std::nullopt;
    }
    // A report is small; a member claiming more is not one of ours.
    constexpr la_int64_t largest = 64 * 1024 * 1024;
    archive_entry* e = nullptr;
    int r;
    while ((r = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
        if (name != archive_entry_pathname(e)) continue;
        if (archive_entry_size(e) > largest) {
            error = name + " is larger than a report can be";
            return std::nullopt;
        }
        std::string text;
        char buffer[16 * 1024];
        la_ssize_t n;
        while ((n = archive_read_data(a.get(), buffer, sizeof buffer)) > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
            if (static_cast<la_int64_t>(text.size()) > largest) {
                error = name + " is larger than a report can be";
                return std::nullopt;
            }
        }
        if (n < 0) {
            error = archive_error_string(a.get()) ? archive_error_string(a.get()) : "read error";
            return std::nullopt;
        }
        return text;
    }
    error = r == ARCHIVE_EOF ? "the archive has no " + name
                             : std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "read error");
    return std::nullopt;
}

}  // namespace ngd::cli
