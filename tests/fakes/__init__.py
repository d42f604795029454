"""Stand-ins for the outside world (an SMS or Zalo gateway) that tests and benches talk to over real HTTP."""
