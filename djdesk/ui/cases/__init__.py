"""The 服务事项 screens: 办件登记 (the counter), 办件记录 and 事项清单."""
