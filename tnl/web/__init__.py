"""The self-check web page of `tnl serve`."""
