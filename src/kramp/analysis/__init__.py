"""Reading results: everything here takes a Result Dataset and nothing else.

Analysis never imports ``kramp.scenarios`` or ``kramp.physiology``: what it concludes, it
concludes from outputs, as an experimenter would.
"""
