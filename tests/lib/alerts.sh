# alerts.sh: the alerts of a test's database, as a test reads them (POSIX
# sh, sourced; needs $db, the database's path).
#
#	sql QUERY		run an SQL query on $db
#	alerts_are N		whether $db holds N alerts
#	nothing_pending		whether every alert of $db is delivered

sql() { # query
	sqlite3 "$db" "$1"
}

alerts_are() { # n
	[ "$(sql 'SELECT count(*) FROM alerts')" -eq "$1" ]
}

nothing_pending() {
	[ "$(sql 'SELECT count(*) FROM alerts WHERE delivered IS NULL')" -eq 0 ]
}
