"""The dialogue engine: flows as data, run purely from (state, inbound) to (state, outbound, events)."""
from bot.engine.definition import Flows, load_flows
from bot.engine.runner import Engine
from bot.engine.state import ConversationState, Event, Inbound, Outbound, Result

__all__ = ["ConversationState", "Engine", "Event", "Flows", "Inbound", "Outbound", "Result", "load_flows"]
