"""Pages of the partnership hub, thin: the rules are in services, who may do what in `partnerships.permissions`.

`calls`: programmes, calls, applications, review and selection. `connect`: follows, followers, the board, the
personal page and its calendar feed.
"""
