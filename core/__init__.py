"""Settings, shared types and the chat-model interface used by every kefu package."""
