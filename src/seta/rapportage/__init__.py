"""Councils informed (issue 12): the periodic report per municipality, the joint report and the public Woo register."""
