"""Chart builders: functions from frames to plotly figures, one module per page."""
