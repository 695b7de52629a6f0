// Placeholder until the writes branch lands: it defines the real
// registerWriteActions() and deletes this file.

namespace litestone::detail {

void registerWriteActions() {}

}  // namespace litestone::detail
