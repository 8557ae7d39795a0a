"""场地预约 printables: confirmation slip, door schedule, bump notice, usage statistics."""
